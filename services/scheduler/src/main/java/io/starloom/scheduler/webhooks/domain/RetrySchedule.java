package io.starloom.scheduler.webhooks.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the n-th failure waits the n-th delay of the schedule, stretched or
 * shrunk at random by up to {@code jitter} (so endpoints that failed together are not retried in lockstep);
 * after the last delay's attempt fails, the delivery has failed.
 */
public record RetrySchedule(List<Duration> delays, double jitter, RandomGenerator random) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1-based), or empty when no retry is left. */
    public Optional<Duration> after(int failures) {
        if (failures < 1 || failures > delays.size()) {
            return Optional.empty();
        }
        long millis = delays.get(failures - 1).toMillis();
        double factor = 1 + jitter * (random.nextDouble() * 2 - 1);
        return Optional.of(Duration.ofMillis(Math.round(millis * factor)));
    }

    /** Attempts a delivery gets in all: the first and one per delay. */
    public int attempts() {
        return delays.size() + 1;
    }
}
