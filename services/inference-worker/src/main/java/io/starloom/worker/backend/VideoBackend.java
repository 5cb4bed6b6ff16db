package io.starloom.worker.backend;

import java.nio.file.Path;

/**
 * A text-to-video backend. Each worker pod runs exactly one, chosen by {@code starloom.worker.backend}
 * (see {@link BackendSelection}).
 */
public interface VideoBackend {
    /** Name reported in ShotStarted and ShotGenerated. */
    String name();

    /**
     * Renders the shot into an H.264 MP4 at {@code target}. Blocking, and may take minutes on a real model:
     * callers run it on a worker thread.
     *
     * @throws Exception when the backend cannot produce the clip; the shot may succeed on another attempt
     */
    ClipFacts render(ShotRequest shot, Path target) throws Exception;
}
