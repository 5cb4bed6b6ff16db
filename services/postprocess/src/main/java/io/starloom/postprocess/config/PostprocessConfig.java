package io.starloom.postprocess.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How clips are edited into a film. */
@ConfigMapping(prefix = "starloom.postprocess")
public interface PostprocessConfig {

    /** Frame rate of the film when the command does not ask for one (its size defaults to the first clip's). */
    @WithDefault("24")
    int outputFps();

    /** Length of the crossfade between consecutive shots; never more than half of either shot. */
    @WithDefault("0.5s")
    Duration crossfade();

    /** libx264 speed/size trade-off ({@code ultrafast} … {@code veryslow}). */
    @WithDefault("veryfast")
    String x264Preset();

    /** libx264 constant rate factor: lower is better and bigger. */
    @WithDefault("20")
    int crf();

    /**
     * Longest one ffmpeg encoding run may take before it is killed and the command redelivered (and
     * dead-lettered after its last delivery).
     */
    @WithDefault("10m")
    Duration encodeTimeout();

    /** Longest one ffprobe run may take. */
    @WithDefault("30s")
    Duration probeTimeout();

    /**
     * How far a clip may be slowed down when its narration needs more time than the clip lasts (1.25 =
     * 25 % slower); beyond that its last frame holds.
     */
    @WithDefault("1.25")
    double maxSlowdown();

    /** Level of the music bed, in dB, before it is ducked under the narration and the mix normalised. */
    @WithDefault("-8")
    double musicGainDb();

    /**
     * An operator's folder of music (WAV, FLAC, MP3, Ogg, M4A). A file whose name starts with the story's
     * mood (serene-, tense-, tender-, mysterious-) is preferred; unset: a generated ambient score.
     */
    Optional<Path> musicFolder();
}
