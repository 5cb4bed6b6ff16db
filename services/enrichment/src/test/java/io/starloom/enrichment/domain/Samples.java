package io.starloom.enrichment.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.starloom.enrichment.config.EnrichmentConfig;
import io.starloom.enrichment.knowledge.StarterSkyKnowledge;

/** The sample stories and the shipped configuration, for tests that run without Quarkus. */
public final class Samples {

    private Samples() {
    }

    public static String story(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("stories/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample story " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration exactly as application.properties ships it. */
    public static EnrichmentConfig shippedConfig() {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(Samples.class.getClassLoader().getResource("application.properties")))
                    .withMapping(EnrichmentConfig.class)
                    .build();
            return config.getConfigMapping(EnrichmentConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StoryboardPlanner planner() {
        return new StoryboardPlanner(shippedConfig(), new StarterSkyKnowledge());
    }
}
