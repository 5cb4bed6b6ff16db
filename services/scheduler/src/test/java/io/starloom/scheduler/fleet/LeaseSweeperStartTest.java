package io.starloom.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.persistence.IsolatedSessions;

/**
 * A replica that starts after every replica was down must not take back the shots whose renewals still wait in
 * the broker: its sweeper stays idle for one lease period, then sweeps as usual.
 */
class LeaseSweeperStartTest {
    private final AtomicInteger sweeps = new AtomicInteger();
    private final IsolatedSessions sessions = new IsolatedSessions(null) {
        @Override
        public <T> Uni<T> run(Supplier<Uni<T>> work) {
            sweeps.incrementAndGet();
            return Uni.createFrom().nullItem();
        }
    };

    @Test
    void noLeaseIsTakenBackWithinOneLeasePeriodOfTheStart() {
        new LeaseSweeper(null, sessions, leases(Duration.ofMinutes(1))).sweep().await().indefinitely();
        assertThat(sweeps).as("sweeps in the first lease period").hasValue(0);

        new LeaseSweeper(null, sessions, leases(Duration.ZERO)).sweep().await().indefinitely();
        assertThat(sweeps).as("sweeps once a lease period has passed").hasValue(1);
    }

    private static FleetConfig leases(Duration lease) {
        return (FleetConfig) Proxy.newProxyInstance(FleetConfig.class.getClassLoader(), new Class<?>[] { FleetConfig.class }, (proxy, method, args) -> {
            if (method.getName().equals("leaseDuration")) {
                return lease;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
