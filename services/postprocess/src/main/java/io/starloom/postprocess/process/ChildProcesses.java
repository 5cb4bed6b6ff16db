package io.starloom.postprocess.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the service's child processes (ffmpeg, espeak-ng) so that they die with the service: each is
 * started through util-linux's {@code setpriv --pdeathsig KILL}, which makes the kernel kill the child
 * when its parent goes, even on {@code kill -9} of the JVM. The kernel ties that signal to the
 * <em>thread</em> that forked the child, not the process, so every child is forked by one long-lived
 * daemon thread here, never by a pooled worker thread that may be retired while the child still runs.
 * Without {@code setpriv} (not Linux, or util-linux missing) children start plainly.
 */
public final class ChildProcesses {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final boolean PDEATHSIG = Files.isExecutable(SETPRIV) && probeSetpriv();
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "starloom-child-spawner");
        thread.setDaemon(true);
        return thread;
    });

    private ChildProcesses() {
    }

    /** Whether children are tied to the service's life on this machine. */
    public static boolean diesWithService() {
        return PDEATHSIG;
    }

    /** Starts the builder's command, wrapped in {@code setpriv --pdeathsig KILL} where that exists. */
    public static Process start(ProcessBuilder builder) throws IOException {
        if (PDEATHSIG) {
            List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
            wrapped.addAll(builder.command());
            builder.command(wrapped);
        }
        Future<Process> started = SPAWNER.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + builder.command().get(0) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().get(0), e);
        }
    }

    private static boolean probeSetpriv() {
        try {
            Process check = new ProcessBuilder(SETPRIV.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
