package io.starloom.postprocess.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How clips are edited into a film. Defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "starloom.postprocess")
public interface PostprocessConfig {

    /** Frame rate of the film when the command does not ask for one. */
    @WithDefault("24")
    int outputFps();

    /** Length of the crossfade between consecutive shots. */
    @WithDefault("0.5s")
    Duration crossfade();

    /** libx264 speed/size trade-off ({@code ultrafast} … {@code veryslow}). */
    @WithDefault("veryfast")
    String x264Preset();

    /** libx264 constant rate factor: lower is better and bigger. */
    @WithDefault("20")
    int crf();

    /** Longest one ffmpeg encoding run may take before it is killed and the command retried. */
    @WithDefault("10m")
    Duration encodeTimeout();

    /** Longest one ffprobe run may take. */
    @WithDefault("30s")
    Duration probeTimeout();
}
