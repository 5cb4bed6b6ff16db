package io.starloom.enrichment.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.starloom.enrichment.config.EnrichmentConfig;
import io.starloom.enrichment.config.NarrationConfig;
import io.starloom.enrichment.config.KnowledgeConfig;
import io.starloom.enrichment.knowledge.KnowledgeBase;

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

    /** The narration capacity exactly as mesh-support's shared settings ship it (the scheduler's edge reads the same). */
    public static NarrationConfig shippedNarration() {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(sharedSettings()))
                    .withMapping(NarrationConfig.class)
                    .build();
            return config.getConfigMapping(NarrationConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** mesh-support's META-INF/microprofile-config.properties, among the others on the class path. */
    private static URL sharedSettings() throws IOException {
        return Collections.list(Samples.class.getClassLoader().getResources("META-INF/microprofile-config.properties")).stream()
                .filter(url -> url.toString().contains("mesh-support"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("mesh-support's shared settings are not on the class path"));
    }

    /** The shipped knowledge, loaded once for all tests. */
    public static KnowledgeBase knowledge() {
        return Shipped.KNOWLEDGE;
    }

    /** Knowledge with an operator directory merged over the shipped files. */
    public static KnowledgeBase knowledge(java.nio.file.Path directory) {
        return new KnowledgeBase(knowledgeConfig(java.util.Optional.of(directory)));
    }

    public static StoryboardPlanner planner() {
        return new StoryboardPlanner(shippedConfig(), shippedNarration(), knowledge());
    }

    private static KnowledgeConfig knowledgeConfig(java.util.Optional<java.nio.file.Path> directory) {
        return new KnowledgeConfig() {
            @Override
            public java.util.Optional<java.nio.file.Path> directory() {
                return directory;
            }

            @Override
            public java.time.Duration reloadInterval() {
                return java.time.Duration.ofSeconds(5);
            }
        };
    }

    private static final class Shipped {
        static final KnowledgeBase KNOWLEDGE = new KnowledgeBase(knowledgeConfig(java.util.Optional.empty()));
    }
}
