package io.starloom.worker.media;

/** libx264 speed/quality trade-off: a preset name and a constant rate factor. */
public record EncoderSettings(String preset, int crf) {
}
