package io.starloom.worker.shot;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.mesh.v1.GenerateShotCommand;

/** What this worker is doing and has done since it started, for operators. */
@ApplicationScoped
public class WorkerActivity {
    /** The shot in hand and when work on it began. */
    public record CurrentShot(GenerateShotCommand command, Instant since) {
    }

    private final AtomicReference<CurrentShot> current = new AtomicReference<>();
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public void started(GenerateShotCommand command) {
        current.set(new CurrentShot(command, Instant.now()));
    }

    public void count(ShotOutcome outcome) {
        (outcome instanceof ShotOutcome.Generated ? generated : failed).incrementAndGet();
    }

    /** Done with the shot in hand, however it ended. */
    public void idle() {
        current.set(null);
    }

    public Optional<CurrentShot> current() {
        return Optional.ofNullable(current.get());
    }

    public long generated() {
        return generated.get();
    }

    public long failed() {
        return failed.get();
    }
}
