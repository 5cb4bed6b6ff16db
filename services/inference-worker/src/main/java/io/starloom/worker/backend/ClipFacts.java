package io.starloom.worker.backend;

/** What a backend produced: the clip's real frame count, rate and size, and how long rendering took. */
public record ClipFacts(int frames, int fps, int width, int height, long renderMillis) {
}
