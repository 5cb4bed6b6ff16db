package io.starloom.moderation.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.starloom.proto.v1.Language;

/**
 * Speed of text screening, for docs/benchmarks.md: one 2,000-character story (the sample myths, Chinese and
 * English, cut to 2,000 code points) judged again and again on one thread after a warm-up. Opt-in, as timings
 * depend on the machine:
 * {@code ./mvnw -o -q -pl services/moderation test -Dtest=TextScreeningBenchmarkTest -Dstarloom.benchmark=true}.
 * Targets from issue 7: p99 at most 5 ms a story, at least 10 MB/s of text. Both wall-clock and on-CPU time
 * (the thread's own CPU time, ThreadMXBean) are reported: on a shared, oversubscribed machine the wall clock
 * mostly measures waiting for a core, so the targets are asserted on the thread's CPU time.
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class TextScreeningBenchmarkTest {
    private static final int WARM_UP = 3_000;
    private static final int RUNS = 10_000;

    @Test
    void aStoryOf2000CharactersIsJudgedWellWithinTheTargets() {
        String story = story(2_000);
        TextModerator moderator = new TextModerator(new Lexicon(), Policies.defaults());
        List<ScreenedText> texts = List.of(new ScreenedText(story, "story"));
        for (int i = 0; i < WARM_UP; i++) {
            moderator.judge(texts, "", Language.LANGUAGE_UNSPECIFIED);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[RUNS];
        long[] cpu = new long[RUNS];
        long started = System.nanoTime();
        long startedCpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            moderator.judge(texts, "", Language.LANGUAGE_UNSPECIFIED);
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - startedCpu) / 1e9;
        long bytes = (long) story.getBytes(StandardCharsets.UTF_8).length * RUNS;
        System.out.printf(Locale.ROOT, "text screening, 2000-character story (%d UTF-8 bytes), %d runs%n  wall: %s, %.1f MB/s%n  cpu:  %s, %.1f MB/s%n",
                story.getBytes(StandardCharsets.UTF_8).length, RUNS, percentiles(wall), bytes / 1e6 / seconds, percentiles(cpu),
                bytes / 1e6 / cpuSeconds);
        Arrays.sort(cpu);
        double p99 = cpu[(int) (RUNS * 0.99)] / 1e6;
        assertTrue(p99 <= 5.0, "on-CPU p99 " + p99 + " ms");
        assertTrue(bytes / 1e6 / cpuSeconds >= 10.0, "on-CPU " + bytes / 1e6 / cpuSeconds + " MB/s");
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, max %.3f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** The sample stories, one after another, cut to {@code length} code points. */
    private static String story(int length) {
        StringBuilder text = new StringBuilder();
        List<String> samples = List.of("andromeda.zh.txt", "orion.en.txt", "qixi.zh.txt", "winter-sky.zh.txt");
        for (int i = 0; text.codePointCount(0, text.length()) < length; i++) {
            text.append(TextModeratorTest.sample(samples.get(i % samples.size()))).append('\n');
        }
        return text.substring(0, text.offsetByCodePoints(0, length));
    }
}
