package io.starloom.cli;

/** The server refused a request; {@code badInput} when it was the caller's input (4xx). */
final class ApiException extends RuntimeException {
    private final boolean badInput;

    ApiException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    boolean badInput() {
        return badInput;
    }
}
