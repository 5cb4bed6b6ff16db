package io.starloom.enrichment.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where an operator keeps edits of the myth library and keyword library (docs/knowledge.md). */
@ConfigMapping(prefix = "starloom.enrichment.knowledge")
public interface KnowledgeConfig {

    /**
     * A directory with any of myths.yaml, figures.yaml, keywords.yaml, sky-names.yaml; their entries replace
     * or extend the shipped ones. Absent: the shipped knowledge only.
     */
    Optional<Path> directory();

    /** How often the directory is checked for changes. */
    @WithDefault("5s")
    java.time.Duration reloadInterval();
}
