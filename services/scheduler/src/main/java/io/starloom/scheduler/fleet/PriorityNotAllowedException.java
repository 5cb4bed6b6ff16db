package io.starloom.scheduler.fleet;

import io.starloom.scheduler.domain.FieldError;

/** The caller asked for a priority class above its tenant's entitlement: 403 / PERMISSION_DENIED naming "priority". */
public class PriorityNotAllowedException extends RuntimeException {
    private final FieldError error;

    public PriorityNotAllowedException(String asked, String allowed) {
        super("priority '" + asked + "' is above this tenant's entitlement; the highest it may ask for is '" + allowed + "'");
        this.error = new FieldError("priority", getMessage());
    }

    public FieldError error() {
        return error;
    }
}
