package io.starloom.worker.backend;

/**
 * The first frame an image-to-video profile starts a shot from (I2V-A14B, TI2V-5B): the shot's star chart,
 * drawn by the preview renderer, so that the model animates a sky that is astronomically right.
 */
@FunctionalInterface
public interface FirstFrames {
    /** The frame as PNG bytes, in the shot's size. */
    byte[] png(ShotRequest shot) throws Exception;
}
