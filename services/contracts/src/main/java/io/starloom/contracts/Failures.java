package io.starloom.contracts;

import java.util.Map;

import io.starloom.proto.v1.Failure;

/** Builds the {@code starloom.v1.Failure} every service reports: a stable reason within its service's domain. */
public final class Failures {
    /** Domains are the service's name under this suffix, e.g. {@code scheduler.starloom.dev}. */
    public static final String DOMAIN_SUFFIX = ".starloom.dev";

    private Failures() {
    }

    /** The domain of a service, e.g. {@code postprocess.starloom.dev} for {@code "postprocess"}. */
    public static String domain(String service) {
        return service + DOMAIN_SUFFIX;
    }

    /**
     * @param service the deciding service, e.g. "scheduler"
     * @param reason UPPER_SNAKE_CASE, stable, e.g. "SHOT_FAILED"
     * @param message for people
     */
    public static Failure of(String service, String reason, String message) {
        return of(service, reason, message, Map.of());
    }

    public static Failure of(String service, String reason, String message, Map<String, String> metadata) {
        return Failure.newBuilder().setDomain(domain(service)).setReason(reason).setMessage(message == null ? "" : message)
                .putAllMetadata(metadata).build();
    }
}
