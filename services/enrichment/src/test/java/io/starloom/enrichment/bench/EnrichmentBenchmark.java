package io.starloom.enrichment.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.starloom.enrichment.domain.Samples;
import io.starloom.enrichment.domain.StoryInput;
import io.starloom.enrichment.domain.StoryboardPlanner;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

/** Deterministic enrichment of a 500-character story, one planning per call (run by EnrichmentBenchmarkTest). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnrichmentBenchmark {
    /** 500 characters each: a Chinese myth and an English one. */
    @Param({ "zh", "en" })
    public String language;

    private StoryboardPlanner planner;
    private String story;

    @Setup
    public void setUp() {
        planner = Samples.planner();
        story = story500(language);
    }

    @Benchmark
    public Storyboard plan() {
        return planner.plan(new StoryInput(story, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "bench"));
    }

    /** The sample stories repeated and cut to exactly 500 code points at a sentence end where possible. */
    public static String story500(String language) {
        String base = language.equals("zh") ? Samples.story("qixi.zh.txt") + Samples.story("andromeda.zh.txt") + Samples.story("winter-sky.zh.txt")
                : Samples.story("orion.en.txt");
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < 500) {
            text.append(base).append('\n');
        }
        return text.substring(0, text.offsetByCodePoints(0, 500));
    }
}
