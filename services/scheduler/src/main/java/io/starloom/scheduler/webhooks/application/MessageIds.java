package io.starloom.scheduler.webhooks.application;

import java.util.UUID;

/** The webhook-id of a delivery: "msg_" and the row's id, the same on every attempt. */
final class MessageIds {
    private static final String PREFIX = "msg_";

    private MessageIds() {
    }

    static String of(UUID deliveryId) {
        return PREFIX + deliveryId;
    }
}
