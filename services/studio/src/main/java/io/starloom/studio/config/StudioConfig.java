package io.starloom.studio.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the write page offers where the scheduler's GET /v1/submission-options does not say (it cannot be reached, or
 * a list is empty, e.g. no voices configured there): the same values the scheduler accepts. A value it does not
 * accept is still answered by the scheduler's own validation, shown on the page.
 */
@ConfigMapping(prefix = "starloom.studio")
public interface StudioConfig {
    /** The scheduler's limit on a story, in Unicode code points (docs/api.md). */
    @WithDefault("4000")
    int textLimit();

    @WithDefault("cinematic,ink-wash,planetarium,mythological-fantasy,storybook")
    List<String> styles();

    @WithDefault("480p,720p,1080p")
    List<String> resolutions();

    /** Model profiles the deployment's workers serve; empty: the resolution's profile. */
    @WithDefault("wan2.2-t2v-a14b-720p")
    List<String> profiles();

    @WithDefault("en-us,cmn-latn-pinyin")
    List<String> voices();

    @WithDefault("16-9,9-16,1-1")
    List<String> aspectRatios();

    /** Stories per page of the list. */
    @WithDefault("20")
    int pageSize();
}
