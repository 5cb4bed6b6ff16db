package io.starloom.moderation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What an operator may tune about screening. */
@ConfigMapping(prefix = "starloom.moderation")
public interface ModerationConfig {

    /** Longest text CheckText judges, in Unicode code points: a story is at most 4000, prompts add more. */
    @WithDefault("20000")
    int maxTextLength();
}
