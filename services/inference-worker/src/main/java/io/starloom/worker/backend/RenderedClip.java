package io.starloom.worker.backend;

/** What a backend produced: the clip's frame count and the time rendering took. */
public record RenderedClip(int frames, long renderMillis) {
}
