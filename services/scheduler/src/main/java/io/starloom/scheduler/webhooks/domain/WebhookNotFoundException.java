package io.starloom.scheduler.webhooks.domain;

import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.LocalizedException;

/** No endpoint with that id for the caller's tenant (another tenant's endpoint is reported the same way). */
public class WebhookNotFoundException extends LocalizedException {
    public WebhookNotFoundException(String id) {
        super(ErrorCode.WEBHOOK_NOT_FOUND, id);
    }
}
