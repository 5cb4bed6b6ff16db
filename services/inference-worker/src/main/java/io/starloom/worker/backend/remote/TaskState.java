package io.starloom.worker.backend.remote;

import io.starloom.worker.backend.BackendFailure;

/** Where a remote task stands after one poll. */
public sealed interface TaskState {
    /** Queued or generating. */
    record Running(String status) implements TaskState {
    }

    /** Finished: {@code result} says where to fetch the clip (a URL, or the task id itself). */
    record Done(String result) implements TaskState {
    }

    /** Finished without a clip. */
    record Failed(BackendFailure failure) implements TaskState {
    }

    /** The server no longer knows the task (it restarted, or the task expired). */
    record Gone(String why) implements TaskState {
    }
}
