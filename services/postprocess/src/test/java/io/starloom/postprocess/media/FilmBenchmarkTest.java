package io.starloom.postprocess.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * For docs/benchmarks.md, opt-in: assembling a 6-shot, ~30 s 1280x720 film (16 fps clips → 24 fps, four kinds
 * of transition, espeak-ng narration, generated music, two subtitle tracks, chapters, poster, manifest) and
 * the same ffmpeg command lines replayed bare; espeak-ng's time per second of speech; framerate vs
 * minterpolate. Needs espeak-ng.
 * {@code ./mvnw -o -q -pl services/postprocess test -Dtest=FilmBenchmarkTest -Dstarloom.benchmark=true}
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FilmBenchmarkTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String[] ZH = { "安德洛墨达被锁在海边的岩石上，夜空中银河横贯。", "她的母亲卡西奥佩娅夸耀自己的美貌，激怒了海神。",
        "突然，海怪破浪而出，天空电闪雷鸣。", "英仙座珀耳修斯骑着飞马从远方飞来。", "他举起美杜莎的头颅，海怪化作了石头。", "众神把他们升上夜空，化作了星座。" };
    private static final String[] EN = { "Andromeda is chained to a rock by the sea.", "Her mother boasted, and the sea god was angry.",
        "The monster rises and lightning splits the sky.", "Perseus flies in on winged sandals.", "He lifts the Gorgon's head; the monster turns to stone.",
        "The gods raise them all into the night sky." };

    @TempDir
    Path temp;

    /** Times every ffmpeg run of the assembler and replays it bare (plain ProcessBuilder) to time the same command line. */
    static final class ReplayingTool extends FfmpegTool {
        long toolNanos;
        long replayNanos;
        final List<String> graphs = new ArrayList<>();

        @Override
        public ToolResult run(Executable executable, List<String> arguments, Duration timeout) {
            long start = System.nanoTime();
            ToolResult result = super.run(executable, arguments, timeout);
            toolNanos += System.nanoTime() - start;
            if (executable == Executable.FFMPEG) {
                int graph = arguments.indexOf("-filter_complex");
                if (graph >= 0) {
                    graphs.add(arguments.get(graph + 1));
                }
                replayNanos += replay(arguments);
            }
            return result;
        }

        private long replay(List<String> arguments) {
            try {
                Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
                List<String> command = new ArrayList<>(List.of(ffmpeg.toString()));
                command.addAll(arguments);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().putAll(Map.of("LD_LIBRARY_PATH", ffmpeg.getParent().toString()));
                long start = System.nanoTime();
                int exit = builder.start().waitFor();
                long took = System.nanoTime() - start;
                if (exit != 0) {
                    throw new IllegalStateException("replay failed: " + exit);
                }
                return took;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void sixShotFilm() throws Exception {
        ReplayingTool tool = new ReplayingTool();
        Path root = temp.resolve("media");
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        MediaSettings settings = new MediaSettings(24, Duration.ofMillis(500), "veryfast", 20, TIMEOUT, Duration.ofSeconds(30), 1.25, -8);
        EspeakEngine espeak = new EspeakEngine("espeak-ng", "cmn-latn-pinyin", "en-us", 150, Duration.ofSeconds(60));
        Narrator narrator = new Narrator(NarrationPolicy.orFail(espeak), store);
        MediaProbe probe = new MediaProbe(tool, settings);
        FilmAssembler assembler = new FilmAssembler(tool, probe, store, settings, narrator, new MusicLibrary(Optional.empty()));

        for (Language language : List.of(Language.LANGUAGE_ZH, Language.LANGUAGE_EN)) {
            String[] lines = language == Language.LANGUAGE_ZH ? ZH : EN;
            long ttsNanos = 0;
            double spoken = 0;
            for (int k = 0; k < lines.length; k++) {
                long start = System.nanoTime();
                Path audio = narrator.narrate("tts-" + language, k, lines[k], language, "").audio().orElseThrow();
                ttsNanos += System.nanoTime() - start;
                spoken += Durations.toNanos(probe.probe(audio).getDuration()) / 1e9;
            }
            System.out.printf("TTS espeak-ng %s: %.1f s of speech in %d ms = %.3f s per second of narration%n", language, spoken,
                    ttsNanos / 1_000_000, ttsNanos / 1e9 / spoken);
        }

        Path shots = root.resolve("stories/clips/shots");
        Transition[] transitions = { Transition.TRANSITION_CROSSFADE, Transition.TRANSITION_FADE_BLACK, Transition.TRANSITION_DIP_WHITE,
            Transition.TRANSITION_SLIDE, Transition.TRANSITION_CUT, Transition.TRANSITION_CROSSFADE };
        AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder().setStoryId("bench").setLanguage(Language.LANGUAGE_ZH)
                .setTitle("仙女座").setTranslationLanguage(Language.LANGUAGE_EN)
                .setOutput(VideoFormat.newBuilder().setWidth(1280).setHeight(720).setFps(24));
        for (int k = 0; k < 6; k++) {
            Path clip = TestClips.make(tool, shots.resolve(String.format("shot-%03d-a1.mp4", k)),
                    "testsrc2=size=1280x720:rate=16,hue=h=" + (k * 60), 81 / 16.0);
            command.addClips(ClipRef.newBuilder().setShotIndex(k).setUri(clip.toUri().toString()).setNarration(ZH[k])
                    .setNarrationTranslation(EN[k]).setTransitionOut(transitions[k]).setBeat("第" + (k + 1) + "幕"));
            narrator.narrate("bench", k, ZH[k], Language.LANGUAGE_ZH, "");
        }
        for (int run = 1; run <= 2; run++) {
            tool.toolNanos = 0;
            tool.replayNanos = 0;
            long start = System.nanoTime();
            Film film = assembler.assemble(command.build());
            long total = System.nanoTime() - start - tool.replayNanos;
            double seconds = Durations.toNanos(film.getDuration()) / 1e9;
            System.out.printf("film benchmark run %d: %.2f s film 1280x720@24 assembled in %d ms (%.2fx real time); the same ffmpeg "
                    + "command lines bare: %d ms; assembler/ffmpeg = %.2f%n", run, seconds, total / 1_000_000, seconds / (total / 1e9),
                    tool.replayNanos / 1_000_000, (double) total / tool.replayNanos);
        }

        Path clip = shots.resolve("shot-000-a1.mp4");
        for (String filter : List.of("fps=24", "framerate=fps=24", "minterpolate=fps=24:mi_mode=blend", "minterpolate=fps=24:mi_mode=mci")) {
            long start = System.nanoTime();
            tool.run(FfmpegTool.Executable.FFMPEG, List.of("-hide_banner", "-loglevel", "error", "-i", "file:" + clip, "-vf", filter,
                    "-f", "null", "-"), TIMEOUT).requireSuccess(filter);
            System.out.printf("rate conversion 16→24 fps of a 5 s 1280x720 clip with %s: %d ms (bare replay included in the tool time)%n",
                    filter, (System.nanoTime() - start) / 2_000_000);
        }
        Files.deleteIfExists(clip);
    }
}
