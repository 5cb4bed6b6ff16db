package io.starloom.scheduler.webhooks.domain;

/** A webhook URL that may not be called: malformed, not https, or reaching a non-public address. */
public class TargetRefusedException extends RuntimeException {
    public TargetRefusedException(String reason) {
        super(reason);
    }
}
