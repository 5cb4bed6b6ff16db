package io.starloom.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether generated clips are screened frame by frame, and what happens to a shot whose frames are flagged. */
@ConfigMapping(prefix = "starloom.frames")
public interface FrameScreeningConfig {
    /** What a shot still flagged after its last regeneration does to its story. */
    enum OnFlagged {
        /** The story waits IN_REVIEW, the frame findings (thumbnails, offsets, scores) as evidence. */
        REVIEW,
        /** The story FAILS with FRAMES_FLAGGED and the findings. */
        FAIL
    }

    /** Screen every generated clip before the film is assembled. */
    @WithDefault("true")
    boolean enabled();

    /** Renders with a new seed a flagged shot gets before the policy applies (0: none). */
    @WithDefault("2")
    int maxRegenerations();

    @WithDefault("review")
    OnFlagged onFlagged();
}
