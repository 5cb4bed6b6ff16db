package io.starloom.worker.backend.remote;

import java.time.Duration;

/**
 * The pauses between polls of one task: the first interval three times, then doubling every three polls up to
 * the maximum — the scheme of DashScope's own SDKs (1 s, up to 5 s), which keeps the added latency of a short
 * task small and the request count of a long one low.
 */
public final class PollSchedule {
    private final Duration max;
    private Duration current;
    private int polls;

    public PollSchedule(Duration first, Duration max) {
        this.current = first;
        this.max = max.compareTo(first) < 0 ? first : max;
    }

    /** The pause before the next poll. */
    public Duration next() {
        Duration pause = current;
        if (++polls % 3 == 0) {
            Duration doubled = current.multipliedBy(2);
            current = doubled.compareTo(max) > 0 ? max : doubled;
        }
        return pause;
    }
}
