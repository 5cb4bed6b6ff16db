package io.starloom.scheduler.webhooks.domain;

/** No endpoint with that id for the caller's tenant (another tenant's endpoint is reported the same way). */
public class WebhookNotFoundException extends RuntimeException {
    public WebhookNotFoundException(String id) {
        super("no webhook " + id);
    }
}
