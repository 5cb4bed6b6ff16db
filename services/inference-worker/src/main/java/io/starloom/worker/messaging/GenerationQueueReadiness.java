package io.starloom.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the worker holds its link to the generation queue (the broker is reachable and the queue exists). */
@Readiness
@ApplicationScoped
public class GenerationQueueReadiness implements HealthCheck {
    private final GenerationQueueReceiver receiver;

    public GenerationQueueReadiness(GenerationQueueReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("generation-queue")
                .status(receiver.isLinked())
                .withData("address", receiver.address())
                .withData("busy", receiver.isBusy())
                .build();
    }
}
