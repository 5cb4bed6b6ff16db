package io.starloom.cli;

/** The CLI's exit codes: scripts tell "fix your command" apart from "it did not work". */
public final class ExitCode {
    /** Done; for a story: it COMPLETED. */
    public static final int OK = 0;
    /** The server or the story failed, was rejected or canceled, or the server could not be reached. */
    public static final int FAILED = 1;
    /** The command or its input is wrong: a missing file, an unknown option value, a field the server refused. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
