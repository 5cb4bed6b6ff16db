package io.starloom.postprocess.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.postprocess.music.MusicLibrary;
import io.starloom.postprocess.narration.EspeakEngine;
import io.starloom.postprocess.narration.NarrationPolicy;
import io.starloom.postprocess.narration.Narrator;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Transition;
import io.starloom.proto.v1.VideoFormat;

/** temporary profiling version */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FilmBenchmarkTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String[] ZH = { "仙女被锁在海边的岩石上。", "母亲夸耀美貌，激怒了海神。", "海怪破浪而出，电闪雷鸣。",
        "英雄骑着飞马从远方飞来。", "他举起头颅，海怪化作石头。", "众神把他们升上夜空。" };
    private static final String[] EN = { "Andromeda is chained to a rock by the sea.", "Her mother boasted, and the sea god was angry.",
        "The monster rises and lightning splits the sky.", "Perseus flies in on winged sandals.", "He lifts the Gorgon's head; the monster turns to stone.",
        "The gods raise them all into the night sky." };

    @TempDir
    Path temp;

    static final class ProfilingTool extends FfmpegTool {
        final Map<String, Long> passes = new LinkedHashMap<>();
        long bareNanos;
        long encodeBareNanos;

        @Override
        public ToolResult run(Executable executable, List<String> arguments, Duration timeout) {
            long start = System.nanoTime();
            ToolResult result = super.run(executable, arguments, timeout);
            String label = executable == Executable.FFPROBE ? "ffprobe" : String.join(" ", arguments).contains("print_format=json") ? "audio mix + loudness"
                    : arguments.contains("libx264") ? "encode" : arguments.contains("-frames:v") ? "poster" : "other ffmpeg";
            passes.merge(label, System.nanoTime() - start, Long::sum);
            if (executable == Executable.FFMPEG) {
                long bare = bareRun(arguments);
                bareNanos += bare;
                if (label.equals("encode")) {
                    encodeBareNanos += bare;
                }
            }
            if (label.equals("encode")) {
                if (Boolean.getBoolean("starloom.benchmark.keep")) {
                    keep(arguments);
                }
            }
            return result;
        }

        private static void keep(List<String> arguments) {
            try {
                Path keep = Path.of("/tmp/film2/keep");
                Files.createDirectories(keep);
                StringBuilder sh = new StringBuilder("ffmpeg");
                for (String a : arguments) {
                    if (a.startsWith("file:") && !a.endsWith("film.mp4")) {
                        Path p = Path.of(a.substring(5));
                        Path copy = keep.resolve(p.getFileName());
                        Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        a = "file:" + copy;
                    }
                    sh.append(" '").append(a).append("'");
                }
                Files.writeString(keep.resolve("encode.sh"), sh.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static long bareRun(List<String> arguments) {
        try {
        Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("LD_LIBRARY_PATH", ffmpeg.getParent().toString()));
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bare ffmpeg failed: " + exit);
        }
        return System.nanoTime() - start;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sixShotFilm() throws Exception {
        ProfilingTool tool = new ProfilingTool();
        Path root = temp.resolve("media");
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        MediaSettings settings = new MediaSettings(24, Duration.ofMillis(500), System.getProperty("preset", "veryfast"),
                Integer.getInteger("crf", 20), TIMEOUT, Duration.ofSeconds(30), 1.25, -8);
        EspeakEngine espeak = new EspeakEngine("espeak-ng", "cmn-latn-pinyin", "en-us", 150, Duration.ofSeconds(60));
        Narrator narrator = new Narrator(NarrationPolicy.orFail(espeak), store);
        MediaProbe probe = new MediaProbe(tool, settings);
        FilmAssembler assembler = new FilmAssembler(tool, probe, store, settings, narrator, new MusicLibrary(Optional.empty()));

        Path shots = root.resolve("stories/clips/shots");
        Transition[] transitions = { Transition.TRANSITION_CROSSFADE, Transition.TRANSITION_FADE_BLACK, Transition.TRANSITION_DIP_WHITE,
            Transition.TRANSITION_SLIDE, Transition.TRANSITION_CUT, Transition.TRANSITION_CROSSFADE };
        AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder().setStoryId("bench").setLanguage(Language.LANGUAGE_ZH)
                .setTitle("仙女座").setTranslationLanguage(Language.LANGUAGE_EN).setBurnInSubtitles(Boolean.getBoolean("burn"))
                .setOutput(VideoFormat.newBuilder().setWidth(1280).setHeight(720).setFps(24));
        for (int k = 0; k < 6; k++) {
            Path clip = TestClips.make(tool, shots.resolve(String.format("shot-%03d-a1.mp4", k)),
                    "testsrc2=size=1280x720:rate=16,hue=h=" + (k * 60), 86 / 16.0);
            command.addClips(ClipRef.newBuilder().setShotIndex(k).setUri(clip.toUri().toString()).setNarration(ZH[k])
                    .setNarrationTranslation(EN[k]).setTransitionOut(transitions[k]).setBeat("第" + (k + 1) + "幕"));
            narrator.narrate("bench", k, ZH[k], Language.LANGUAGE_ZH, "");
        }
        for (int run = 1; run <= Integer.getInteger("runs", 2); run++) {
            tool.passes.clear();
            tool.bareNanos = 0;
            tool.encodeBareNanos = 0;
            String load = Files.readString(Path.of("/proc/loadavg")).strip();
            long start = System.nanoTime();
            Film film = assembler.assemble(command.build());
            long total = System.nanoTime() - start - tool.bareNanos;
            long bare = tool.bareNanos;
            double seconds = Durations.toNanos(film.getDuration()) / 1e9;
            long tools = tool.passes.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("RUN %d load %s: %.2f s film in %d ms (%.2fx real time); bare all %d ms, bare encode %d ms; ratio %.2f; passes %s; java %d ms%n", run, load,
                    seconds, total / 1_000_000, seconds / (total / 1e9), bare / 1_000_000, tool.encodeBareNanos / 1_000_000, (double) total / bare,
                    tool.passes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() / 1_000_000).toList(), (total - tools) / 1_000_000);
        }
    }
}
