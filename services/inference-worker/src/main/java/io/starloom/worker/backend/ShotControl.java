package io.starloom.worker.backend;

import java.util.Optional;

/**
 * What a backend may ask about the shot while it works on it: whether the story still wants it (checked before
 * the backend spends anything and between polls, so a canceled story's task is stopped), and the remote task
 * already started for this very attempt, so that a restarted worker resumes it instead of paying twice.
 */
public interface ShotControl {
    /** For local renderers and tests: always wanted, nothing remembered. */
    ShotControl NONE = new ShotControl() {
        @Override
        public boolean canceled() {
            return false;
        }

        @Override
        public Optional<String> remoteTask() {
            return Optional.empty();
        }

        @Override
        public void remoteTaskStarted(String taskId) {
        }

        @Override
        public void remoteTaskGone() {
        }
    };

    /** True once the story was canceled. */
    boolean canceled();

    /** The id of the remote task this attempt started earlier, if it started one. */
    Optional<String> remoteTask();

    /** Records, durably and before polling begins, the remote task this attempt started. */
    void remoteTaskStarted(String taskId) throws Exception;

    /** The recorded task can no longer give a result (expired, unknown to the server): forget it. */
    void remoteTaskGone() throws Exception;
}
