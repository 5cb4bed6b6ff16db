package io.starloom.postprocess.media;

import java.time.Duration;

/**
 * How media are probed and how films are edited and encoded.
 *
 * @param defaultFps frame rate of a film whose command does not name one
 * @param crossfade fade between consecutive shots
 * @param x264Preset libx264 preset, e.g. {@code veryfast}
 * @param crf libx264 constant rate factor
 * @param encodeTimeout longest one ffmpeg run may take
 * @param probeTimeout longest one ffprobe run may take
 * @param maxSlowdown how far a clip may be slowed to carry its narration before its last frame holds
 * @param musicGainDb level of the music bed before it is ducked under the speech
 */
public record MediaSettings(int defaultFps, Duration crossfade, String x264Preset, int crf, Duration encodeTimeout,
        Duration probeTimeout, double maxSlowdown, double musicGainDb) {
}
