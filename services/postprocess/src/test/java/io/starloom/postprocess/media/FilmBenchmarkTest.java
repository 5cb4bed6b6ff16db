package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * For docs/benchmarks.md, opt-in: the measure — assembling a 6-shot, ~30 s 1280x720 film (16 fps clips
 * → 24 fps; crossfade, fade-black, dip-white, slide, cut; espeak-ng Chinese narration spoken ahead as the
 * narration command does; generated music; two soft subtitle tracks, or burned in with
 * {@code -Dstarloom.benchmark.burn=true}; chapters, poster, manifest) — several times, each followed by the
 * same ffmpeg command lines run bare from a shell-like {@link ProcessBuilder}, one after another, on the same
 * inputs. Prints the wall time of each, the ratio, the time per pass, and the load average. Needs espeak-ng.
 * {@code ./mvnw -o -q -pl services/postprocess test -Dtest=FilmBenchmarkTest -Dstarloom.benchmark=true}
 * ({@code -Dstarloom.benchmark.runs=5}, {@code -Dstarloom.benchmark.preset=superfast}, {@code -Dstarloom.benchmark.crf=20}).
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FilmBenchmarkTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int SHOTS = 6;
    /** Wan2.2's 81 frames, and five more so that six shots with their transitions make 30 s. */
    private static final int CLIP_FRAMES = 86;
    /** Lines that espeak-ng speaks within their clip, so no shot holds and the film stays at 30 s. */
    private static final String[] ZH = { "仙女被锁在海边的岩石上。", "母亲夸耀美貌，激怒了海神。", "海怪破浪而出，电闪雷鸣。",
        "英雄骑着飞马从远方飞来。", "他举起头颅，海怪化作石头。", "众神把他们升上夜空。" };
    private static final String[] EN = { "Andromeda is chained to a rock by the sea.", "Her mother boasted; the sea god was angry.",
        "The monster rises and lightning splits the sky.", "Perseus flies in on winged sandals.", "He lifts the Gorgon's head.",
        "The gods raise them into the night sky." };

    @TempDir
    Path temp;

    /**
     * Times every run of the assembler's tools by kind and keeps each ffmpeg command line with hard links to its inputs
     * (instant, and they outlive the work directory), to be replayed bare after the assembly.
     */
    static final class RecordingTool extends FfmpegTool {
        final Map<String, Long> passes = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
        Path keep;

        @Override
        public ToolResult run(Executable executable, List<String> arguments, Duration timeout) {
            List<String> replay = executable == Executable.FFMPEG && keep != null ? kept(arguments) : null;
            long start = System.nanoTime();
            ToolResult result = super.run(executable, arguments, timeout);
            passes.merge(label(executable, arguments), System.nanoTime() - start, Long::sum);
            if (replay != null) {
                commands.add(replay);
            }
            return result;
        }

        private static String label(Executable executable, List<String> arguments) {
            if (executable == Executable.FFPROBE) {
                return "ffprobe";
            }
            String joined = String.join(" ", arguments);
            return joined.contains("print_format=json") ? "sound: mix + loudness measure"
                    : joined.contains("libx264") ? "pictures: filter graph + H.264 + poster"
                    : joined.contains("-c:a aac") ? "sound: loudnorm + AAC"
                    : joined.contains("+faststart") ? "mux (stream copy)" : "other";
        }

        /** The command with every existing input linked into a folder of its own and every output sent there too. */
        private List<String> kept(List<String> arguments) {
            try {
                Path folder = Files.createDirectories(keep.resolve(String.valueOf(commands.size() + System.nanoTime())));
                List<String> copy = new ArrayList<>();
                for (String argument : arguments) {
                    if (argument.startsWith("file:")) {
                        Path file = Path.of(argument.substring(5));
                        Path there = folder.resolve(file.getFileName());
                        if (Files.exists(file)) {
                            Files.createLink(there, file);
                        }
                        argument = "file:" + there;
                    }
                    copy.add(argument);
                }
                return copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs one kept command line with the bundled ffmpeg, as a shell would; its wall time. */
        long bare(List<String> arguments) throws Exception {
            Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
            List<String> command = new ArrayList<>(List.of(ffmpeg.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("LD_LIBRARY_PATH", ffmpeg.getParent().toString());
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bare ffmpeg failed with " + exit + ": " + arguments);
            }
            return System.nanoTime() - start;
        }
    }

    @Test
    void sixShotFilm() throws Exception {
        RecordingTool tool = new RecordingTool();
        Path root = temp.resolve("media");
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        String preset = System.getProperty("starloom.benchmark.preset", "veryfast");
        int crf = Integer.getInteger("starloom.benchmark.crf", 20);
        MediaSettings settings = new MediaSettings(24, Duration.ofMillis(500), preset, crf, TIMEOUT, Duration.ofSeconds(30), 1.25, -8);
        EspeakEngine espeak = new EspeakEngine("espeak-ng", "cmn-latn-pinyin", "en-us", 150, Duration.ofSeconds(60));
        Narrator narrator = new Narrator(NarrationPolicy.orFail(espeak), store);
        FilmAssembler assembler = new FilmAssembler(tool, new MediaProbe(tool, settings), store, settings, narrator,
                new MusicLibrary(Optional.empty()));

        Path shots = root.resolve("stories/clips/shots");
        Transition[] transitions = { Transition.TRANSITION_CROSSFADE, Transition.TRANSITION_FADE_BLACK, Transition.TRANSITION_DIP_WHITE,
            Transition.TRANSITION_SLIDE, Transition.TRANSITION_CUT, Transition.TRANSITION_CROSSFADE };
        AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder().setStoryId("bench").setLanguage(Language.LANGUAGE_ZH)
                .setTitle("仙女座").setTranslationLanguage(Language.LANGUAGE_EN).setBurnInSubtitles(Boolean.getBoolean("starloom.benchmark.burn"))
                .setOutput(VideoFormat.newBuilder().setWidth(1280).setHeight(720).setFps(24));
        for (int k = 0; k < SHOTS; k++) {
            Path clip = TestClips.make(tool, shots.resolve(String.format("shot-%03d-a1.mp4", k)),
                    "testsrc2=size=1280x720:rate=16,hue=h=" + (k * 60), CLIP_FRAMES / 16.0);
            command.addClips(ClipRef.newBuilder().setShotIndex(k).setUri(clip.toUri().toString()).setNarration(ZH[k])
                    .setNarrationTranslation(EN[k]).setTransitionOut(transitions[k]).setBeat("第" + (k + 1) + "幕"));
            narrator.narrate("bench", k, ZH[k], Language.LANGUAGE_ZH, "");
        }
        int runs = Integer.getInteger("starloom.benchmark.runs", 3);
        List<Long> assembled = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            tool.passes.clear();
            tool.commands.clear();
            tool.keep = Files.createDirectories(temp.resolve("replay-" + run));
            String load = Files.readString(Path.of("/proc/loadavg")).strip();
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            Film film = assembler.assemble(command.build());
            long total = System.nanoTime() - start;
            long cpu = cpuNanos() - cpuBefore;
            long replayed = 0;
            for (List<String> line : tool.commands) {
                replayed += tool.bare(line);
            }
            assembled.add(total);
            bare.add(replayed);
            System.out.printf("film benchmark run %d (load %s): %.2f s film 1280x720@24 %s crf %d assembled in %d ms (%.2fx real time); "
                    + "CPU %d ms (JVM and its children); its %d ffmpeg command lines bare, one after another: %d ms; assembler/bare = %.2f; time per pass (the sound's "
                    + "run beside the pictures'): %s%n", run, load, Durations.toNanos(film.getDuration()) / 1e9, preset, crf,
                    total / 1_000_000, Durations.toNanos(film.getDuration()) / 1e9 / (total / 1e9), cpu / 1_000_000, tool.commands.size(),
                    replayed / 1_000_000, (double) total / replayed,
                    tool.passes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1_000_000 + " ms").toList());
        }
        System.out.printf("film benchmark median of %d: assembled %d ms, bare %d ms%n", runs, median(assembled) / 1_000_000,
                median(bare) / 1_000_000);
    }

    /**
     * TTS time per second of narration: espeak-ng (the port's offline engine) for both languages, and the English offline
     * voices it was compared with — flite (slt, kal) and festival's HTS slt voice — through their command lines, when
     * installed. Also prints the length and sample rate of what each said, for docs/benchmarks.md.
     */
    @Test
    void ttsTimePerSecondOfSpeech() throws Exception {
        FfmpegTool tool = new FfmpegTool();
        MediaProbe probe = new MediaProbe(tool, new MediaSettings(24, Duration.ofMillis(500), "veryfast", 20, TIMEOUT, Duration.ofSeconds(30),
                1.25, -8));
        EspeakEngine espeak = new EspeakEngine("espeak-ng", "cmn-latn-pinyin", "en-us", 150, Duration.ofSeconds(60));
        for (Language language : List.of(Language.LANGUAGE_ZH, Language.LANGUAGE_EN)) {
            String[] lines = language == Language.LANGUAGE_ZH ? ZH : EN;
            long nanos = 0;
            double spoken = 0;
            for (int k = 0; k < lines.length; k++) {
                Path wav = temp.resolve("espeak-" + language + "-" + k + ".wav");
                long start = System.nanoTime();
                espeak.synthesize(lines[k], language, espeak.defaultVoice(language), wav);
                nanos += System.nanoTime() - start;
                spoken += Durations.toNanos(probe.probe(wav).getDuration()) / 1e9;
            }
            System.out.printf("TTS espeak-ng %s: %.1f s of speech in %d ms = %.3f s per second of narration%n", language, spoken,
                    nanos / 1_000_000, nanos / 1e9 / spoken);
        }
        Path text = Files.writeString(temp.resolve("en.txt"), String.join(" ", EN));
        Map<String, List<String>> others = new LinkedHashMap<>();
        others.put("flite slt", List.of("flite", "-voice", "slt", "-f", text.toString(), "-o", temp.resolve("flite-slt.wav").toString()));
        others.put("flite kal", List.of("flite", "-voice", "kal", "-f", text.toString(), "-o", temp.resolve("flite-kal.wav").toString()));
        others.put("festival hts slt", List.of("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", text.toString(), "-o",
                temp.resolve("festival-slt.wav").toString()));
        for (Map.Entry<String, List<String>> engine : others.entrySet()) {
            Path wav = Path.of(engine.getValue().get(engine.getValue().size() - 1));
            long start = System.nanoTime();
            int exit;
            try {
                exit = new ProcessBuilder(engine.getValue()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException notInstalled) {
                System.out.printf("TTS %s: not installed%n", engine.getKey());
                continue;
            }
            long nanos = System.nanoTime() - start;
            if (exit != 0 || !Files.exists(wav)) {
                System.out.printf("TTS %s: failed (%d)%n", engine.getKey(), exit);
                continue;
            }
            double spoken = Durations.toNanos(probe.probe(wav).getDuration()) / 1e9;
            System.out.printf("TTS %s (English): %.1f s of speech in %d ms = %.3f s per second of narration%n", engine.getKey(), spoken,
                    nanos / 1_000_000, nanos / 1e9 / spoken);
        }
    }

    /**
     * CPU time of this JVM and of its finished children (the ffmpeg runs), user and system: on a shared machine this, not the
     * wall time, says what the assembly asks of two cores.
     */
    private static long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 16 and 17 of proc(5) (cutime, cstime), counted from the state field (3): in clock ticks of 10 ms.
        long childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        long own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return own + childTicks * 10_000_000L;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
