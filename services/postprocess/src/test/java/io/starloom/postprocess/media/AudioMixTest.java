package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AudioMixTest {

    @Test
    void theSecondPassUsesTheFirstPassMeasurement() {
        String stderr = """
                [Parsed_loudnorm_9 @ 0x55d] 
                {
                	"input_i" : "-23.41",
                	"input_tp" : "-4.20",
                	"input_lra" : "5.10",
                	"input_thresh" : "-33.90",
                	"output_i" : "-16.02",
                	"output_tp" : "-1.50",
                	"output_lra" : "4.20",
                	"output_thresh" : "-26.50",
                	"normalization_type" : "dynamic",
                	"target_offset" : "0.02"
                }
                [out#1/null @ 0x55e] video:0KiB audio:1kB
                """;
        assertEquals(Optional.of("loudnorm=I=-16.0:TP=-1.5:LRA=11.0:measured_I=-23.41:measured_TP=-4.20:measured_LRA=5.10"
                + ":measured_thresh=-33.90:offset=0.02:linear=true"), AudioMix.secondPass(stderr));
    }

    @Test
    void silenceOrNoReportNormalisesNothing() {
        assertEquals(Optional.empty(), AudioMix.secondPass("{\"input_i\" : \"-inf\", \"input_tp\" : \"-inf\"}"));
        assertEquals(Optional.empty(), AudioMix.secondPass("ffmpeg said nothing useful"));
    }

    @Test
    void speechDucksTheBedAndTheMixIsMeasured() {
        List<String> args = AudioMix.firstPass(List.of(new AudioMix.Voice(Path.of("/a.wav"), 250), new AudioMix.Voice(Path.of("/b.wav"), 4000)), List.of(),
                Path.of("/bed.wav"), false, -8, 10, Path.of("/mix.wav"));
        String graph = args.get(args.indexOf("-filter_complex") + 1);
        assertTrue(graph.contains("[0:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,adelay=250:all=1[v0]"), graph);
        assertTrue(graph.contains("adelay=4000:all=1[v1]"), graph);
        assertTrue(graph.contains("[bed][key]sidechaincompress"), graph);
        assertTrue(graph.contains("afade=t=in") && graph.contains("afade=t=out:st=7.000"), graph);
        assertTrue(graph.contains("loudnorm=I=-16.0:TP=-1.5:LRA=11.0:print_format=json"), graph);
        assertEquals("file:/mix.wav", args.get(args.indexOf("-f") + 2));
    }

    @Test
    void aClipsOwnSoundJoinsTheBedUnderItsShotAndIsDuckedWithIt() {
        List<String> args = AudioMix.firstPass(List.of(new AudioMix.Voice(Path.of("/a.wav"), 250)),
                List.of(new AudioMix.Ambience(Path.of("/clip-sound.m4a"), 4500, 2000)), Path.of("/bed.wav"), false, -8, 10, Path.of("/mix.wav"));
        assertEquals(List.of("file:/a.wav", "file:/clip-sound.m4a", "file:/bed.wav"),
                args.stream().filter(a -> a.startsWith("file:") && !a.equals("file:/mix.wav")).toList(), "speech, the clip's sound, then music");
        String graph = args.get(args.indexOf("-filter_complex") + 1);
        assertTrue(graph.contains("[1:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,atrim=duration=2.000,"
                + "afade=t=out:st=1.700:d=0.300,adelay=4500:all=1[amb0]"), graph);
        assertTrue(graph.contains("[2:a]aresample=48000"), graph);
        assertTrue(graph.contains("[music][amb0]amix=inputs=2:normalize=0:duration=first[bed]"), graph);
        assertTrue(graph.indexOf("[bed]") < graph.indexOf("[bed][key]sidechaincompress"), graph);
    }
}
