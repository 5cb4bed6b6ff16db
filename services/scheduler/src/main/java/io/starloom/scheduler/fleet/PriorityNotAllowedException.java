package io.starloom.scheduler.fleet;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.LocalizedException;

/** The caller asked for a priority class above its tenant's entitlement: 403 / PERMISSION_DENIED naming "priority". */
public class PriorityNotAllowedException extends LocalizedException {
    private final FieldError error;

    public PriorityNotAllowedException(String asked, String allowed) {
        super(ErrorCode.PRIORITY_NOT_ALLOWED, asked, allowed);
        this.error = new FieldError("priority", ErrorCode.PRIORITY_NOT_ALLOWED, asked, allowed);
    }

    public FieldError error() {
        return error;
    }
}
