package io.starloom.cli;

/** A failure told to people as one line, with the exit code that classifies it ({@link ExitCode}). */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
