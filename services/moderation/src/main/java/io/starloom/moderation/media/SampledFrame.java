package io.starloom.moderation.media;

import java.awt.image.BufferedImage;
import java.time.Duration;

/**
 * One frame taken from a clip, already at the classifier's size.
 *
 * @param index its number among the clip's sampled frames, from 0
 * @param offset where it sits in the clip
 * @param sceneChange whether FFmpeg's scene score (rather than the interval) picked it
 */
public record SampledFrame(int index, Duration offset, boolean sceneChange, BufferedImage image) {
}
