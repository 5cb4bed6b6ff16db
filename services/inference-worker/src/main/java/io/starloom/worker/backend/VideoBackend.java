package io.starloom.worker.backend;

import java.nio.file.Path;

/**
 * A text-to-video backend. Each worker pod runs exactly one, chosen by {@code starloom.worker.backend}:
 * {@code preview} (CPU, procedural sky) and {@code sim} (timed fake) today; the OpenAI-compatible
 * {@code /v1/videos} servers and DashScope's async API plug in here as further implementations.
 */
public interface VideoBackend {
    String name();

    /** Renders the shot into an H.264 MP4 at {@code target}. Blocking; runs on a worker thread. */
    RenderedClip render(ShotRequest shot, Path target) throws Exception;
}
