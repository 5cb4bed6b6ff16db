package io.starloom.stubs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a stub does, set by the test that drives it: how long a task takes, how it ends, and one-shot faults
 * for the next requests of a kind. Thread-safe; the counters let a test assert what a client really did
 * (e.g. that a restarted worker did not create the same task twice).
 */
public final class StubScript {
    /** How a task ends once its time is up. */
    public enum Outcome {
        SUCCEED,
        /** The task fails on the server (the model crashed). */
        FAIL,
        /** The provider's content inspection refuses the result (DashScope DataInspectionFailed). */
        CONTENT_REFUSED,
        /** The task "succeeds" with a 0-byte file, as peers' users report. */
        EMPTY_RESULT,
        /** The result is cut off half-way. */
        TRUNCATED_RESULT,
        /** The result URL has expired by the time it is fetched (DashScope). */
        EXPIRED_URL,
        /** The clip has other dimensions than asked for. */
        WRONG_SIZE
    }

    /** Which requests a one-shot fault applies to. */
    public enum Route {
        CREATE, POLL, DOWNLOAD
    }

    /** A fault for one request: throttled (429 + Retry-After), a 5xx, or a body that is not JSON. */
    public enum Fault {
        THROTTLE, SERVER_ERROR, MALFORMED
    }

    private record Planned(Route route, Fault fault) {
    }

    private final Deque<Planned> faults = new ArrayDeque<>();
    private volatile Duration taskTime = Duration.ofMillis(400);
    private volatile Outcome outcome = Outcome.SUCCEED;
    private volatile int retryAfterSeconds = 1;
    public final AtomicInteger creates = new AtomicInteger();
    public final AtomicInteger polls = new AtomicInteger();
    public final AtomicInteger downloads = new AtomicInteger();
    public final AtomicInteger cancels = new AtomicInteger();
    public final AtomicInteger deletes = new AtomicInteger();

    public StubScript taskTime(Duration time) {
        this.taskTime = time;
        return this;
    }

    public Duration taskTime() {
        return taskTime;
    }

    public StubScript outcome(Outcome outcome) {
        this.outcome = outcome;
        return this;
    }

    public Outcome outcome() {
        return outcome;
    }

    public StubScript retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The next {@code times} requests of {@code route} meet {@code fault}. */
    public synchronized StubScript fault(Route route, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(new Planned(route, fault));
        }
        return this;
    }

    /** Takes the first fault planned for {@code route}, if any. */
    synchronized Fault nextFault(Route route) {
        for (var it = faults.iterator(); it.hasNext();) {
            Planned planned = it.next();
            if (planned.route() == route) {
                it.remove();
                return planned.fault();
            }
        }
        return null;
    }

    /** Back to the defaults with every counter at zero. */
    public synchronized StubScript reset() {
        faults.clear();
        taskTime = Duration.ofMillis(400);
        outcome = Outcome.SUCCEED;
        retryAfterSeconds = 1;
        for (AtomicInteger counter : new AtomicInteger[] {creates, polls, downloads, cancels, deletes}) {
            counter.set(0);
        }
        return this;
    }
}
