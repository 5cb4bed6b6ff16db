package io.starloom.worker.backend;

import java.nio.file.Path;
import java.util.Optional;

import io.starloom.worker.profile.ProfileSpec;

/**
 * A text-to-video backend. Each worker pod runs exactly one, chosen by {@code starloom.worker.backend}
 * (see {@link BackendSelection}).
 */
public interface VideoBackend {
    /** Name reported in ShotStarted and ShotGenerated. */
    String name();

    /** Why this backend cannot make {@code profile} at all, if it cannot; local renderers make any format. */
    default Optional<String> unsupported(ProfileSpec profile) {
        return Optional.empty();
    }

    /**
     * Renders the shot into an H.264 MP4 at {@code target}. Blocking, and may take minutes on a real model:
     * callers run it on a worker thread.
     *
     * @throws BackendFailure when the backend made no clip, typed (retryable, refused by content inspection, permanent)
     * @throws Exception any other failure, which counts as retryable
     */
    ClipFacts render(ShotRequest shot, Path target) throws Exception;
}
