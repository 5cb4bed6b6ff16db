package io.starloom.contracts.messaging;

/** A received message that no retry can make valid; it belongs in the dead-letter queue. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
