package io.starloom.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.starloom.cli.command.StarloomCommand;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code starloom} program: runs one command line, turns failures into one line and an exit code. */
public final class StarloomCli {

    public static void main(String[] args) {
        // Java NIO instead of Netty's native epoll: one short connection gains nothing from epoll, and the native
        // library would be unpacked into /tmp on every run (and fail where /tmp is noexec).
        System.setProperty("io.grpc.netty.shaded.io.netty.transport.noNative", "true");
        System.exit(run(utf8(FileDescriptor.out), utf8(FileDescriptor.err), args));
    }

    /** Runs one command line; everything it prints goes to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new StarloomCommand()).setOut(out).setErr(err)
                .setParameterExceptionHandler(StarloomCli::badCommandLine)
                .setExecutionExceptionHandler(StarloomCli::failed)
                .execute(args);
    }

    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        // picocli phrases some messages as "Error: …"; one "error:" prefix is enough.
        err.println("error: " + e.getMessage().replaceFirst("^Error: ", ""));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        return ExitCode.BAD_INPUT;
    }

    /** One line for people; the stack trace only with --verbose. */
    private static int failed(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = verbose(parsed);
        if (e instanceof CliException cli) {
            err.println("error: " + cli.getMessage());
            if (verbose && cli.getCause() != null) {
                cli.getCause().printStackTrace(err);
            }
            return cli.exitCode();
        }
        err.println("error: unexpected " + e + (verbose ? "" : " (run again with --verbose for the details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILED;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 whatever the locale: Chinese stories and narration must print as they are. */
    private static PrintWriter utf8(FileDescriptor stream) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(stream), StandardCharsets.UTF_8), true);
    }
}
