package io.starloom.worker.backend.remote;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotControl;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.profile.ProfileSpec;

/**
 * The life of one shot on a remote model server, the same for every protocol: resume the task this attempt
 * already started (its id was recorded before polling began) or create one and record it; poll with a growing
 * pause until it is done, checking between polls that the story still wants the shot (else the task is
 * stopped); fetch the result at once; let the server forget the job. The protocol classes say how to create,
 * poll, fetch, stop and clean up.
 */
public abstract class RemoteVideoBackend implements VideoBackend {
    private static final Logger LOG = Logger.getLogger(RemoteVideoBackend.class);

    /** The reason of a fetch failure after which the task's result can never be had (an expired URL). */
    public static final String RESULT_GONE = "RESULT_GONE";

    private final RemoteSettings settings;

    protected RemoteVideoBackend(RemoteSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> unsupported(ProfileSpec profile) {
        // A self-hosted server renders the open weights; hosted-only models are Model Studio's (which overrides this).
        return profile.hostedModel().isPresent() ? Optional.of("profile " + profile.name() + " is a hosted Model Studio model")
                : Optional.empty();
    }

    /** Starts the task and returns its id. */
    protected abstract String create(ShotRequest shot) throws BackendFailure;

    protected abstract TaskState poll(String taskId) throws BackendFailure;

    /** Writes the finished clip to {@code target}. */
    protected abstract void fetch(String taskId, TaskState.Done done, Path target) throws BackendFailure;

    /** Stops a task whose shot is no longer wanted; best effort. */
    protected abstract void stop(String taskId) throws BackendFailure;

    /** After the clip is fetched: lets the server drop the job and its file, where the protocol has a call for it. */
    protected void forget(String taskId) throws BackendFailure {
    }

    @Override
    public final ClipFacts render(ShotRequest shot, Path target) throws Exception {
        long begin = System.nanoTime();
        Optional<String> unsupported = unsupported(shot.profile());
        if (unsupported.isPresent()) {
            throw BackendFailure.permanent("PROFILE_NOT_SUPPORTED", name() + ": " + unsupported.get());
        }
        if (!shot.profile().accepts(shot.width(), shot.height())) {
            throw BackendFailure.permanent("PROFILE_SIZE_UNSUPPORTED", name() + ": profile " + shot.profile().name() + " makes "
                    + String.join(", ", shot.profile().sizes()) + ", not " + shot.width() + "x" + shot.height());
        }
        ShotControl control = shot.control();
        if (control.canceled()) {
            throw canceled(shot);
        }
        Optional<String> resumed = control.remoteTask();
        String task;
        if (resumed.isPresent()) {
            task = resumed.get();
            LOG.infof("%s: story %s shot %d attempt %d resumes task %s", name(), shot.storyId(), shot.shotIndex(), shot.attempt(), task);
        } else {
            task = started(shot, control);
        }
        boolean mayRecreate = resumed.isPresent();
        Instant deadline = Instant.now().plus(settings.shotTimeout());
        PollSchedule pauses = new PollSchedule(settings.pollInterval(), settings.maxPollInterval());
        int pollFailures = 0;
        while (true) {
            if (control.canceled()) {
                stopQuietly(task);
                throw canceled(shot);
            }
            TaskState state;
            try {
                state = poll(task);
                pollFailures = 0;
            } catch (BackendFailure failure) {
                // A glitch while polling loses nothing: the task runs on; only a lasting one ends the attempt.
                if (!failure.retryable() || ++pollFailures > settings.retries()) {
                    throw failure;
                }
                LOG.infof("%s: polling task %s failed (%s), polling on", name(), task, failure.getMessage());
                state = new TaskState.Running("unknown");
            }
            if (state instanceof TaskState.Done done) {
                try {
                    fetch(task, done, target);
                } catch (BackendFailure failure) {
                    if (RESULT_GONE.equals(failure.reason())) {
                        control.remoteTaskGone();
                    }
                    throw failure;
                }
                forgetQuietly(task);
                return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), (System.nanoTime() - begin) / 1_000_000);
            }
            if (state instanceof TaskState.Failed failed) {
                throw failed.failure();
            }
            if (state instanceof TaskState.Gone gone) {
                control.remoteTaskGone();
                if (!mayRecreate) {
                    throw BackendFailure.retryable("BACKEND_TASK_LOST", name() + ": task " + task + " vanished: " + gone.why());
                }
                LOG.infof("%s: recorded task %s is gone (%s); starting the shot anew", name(), task, gone.why());
                task = started(shot, control);
                mayRecreate = false;
                continue;
            }
            if (Instant.now().isAfter(deadline)) {
                stopQuietly(task);
                throw BackendFailure.retryable("BACKEND_TIMEOUT", name() + ": task " + task + " not done after "
                        + settings.shotTimeout().toMinutes() + " min (" + ((TaskState.Running) state).status() + ")");
            }
            Thread.sleep(pauses.next().toMillis());
        }
    }

    private String started(ShotRequest shot, ShotControl control) throws Exception {
        String task = create(shot);
        control.remoteTaskStarted(task);
        LOG.infof("%s: story %s shot %d attempt %d started task %s", name(), shot.storyId(), shot.shotIndex(), shot.attempt(), task);
        return task;
    }

    private void stopQuietly(String task) {
        try {
            stop(task);
            LOG.infof("%s: task %s stopped", name(), task);
        } catch (BackendFailure e) {
            LOG.warnf("%s: task %s could not be stopped: %s", name(), task, e.getMessage());
        }
    }

    private void forgetQuietly(String task) {
        try {
            forget(task);
        } catch (BackendFailure e) {
            LOG.warnf("%s: finished task %s could not be deleted: %s", name(), task, e.getMessage());
        }
    }

    private BackendFailure canceled(ShotRequest shot) {
        return BackendFailure.permanent("SHOT_CANCELED", name() + ": story " + shot.storyId() + " was canceled");
    }

    /** Frames Wan2.2 can make near {@code frames}: 4n+1, rounded down (81 stays 81, 80 becomes 77). */
    protected static int wanFrames(int frames) {
        return Math.max(1, (frames - 1) / 4 * 4 + 1);
    }
}
