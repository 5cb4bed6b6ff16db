package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.bytedeco.javacpp.Loader;
import org.jboss.logging.Logger;

import io.starloom.postprocess.process.ChildProcesses;

/**
 * Runs the {@code ffmpeg} and {@code ffprobe} executables that ship inside {@code org.bytedeco:ffmpeg}
 * as child processes. Blocking: call it from a worker thread, never from the event loop.
 *
 * <p>The executables are found once (JavaCPP unpacks them into its cache). They need two things the
 * JAR cannot give them: Debian's {@code libpulse0} (a clear {@link MediaToolUnavailableException} says
 * so), and the bundled libva under its soname {@code libva.so.2} — the cache only holds
 * {@code libva.so}, and the FFmpeg libraries look the soname up on the library path. The
 * missing soname links are made next to the libraries, where JavaCPP puts its own links.
 */
@Singleton
public class FfmpegTool {
    /** The two executables of the bundle. */
    public enum Executable {
        FFMPEG, FFPROBE
    }

    private static final Logger LOG = Logger.getLogger(FfmpegTool.class);
    /** Both the JVM's and the dynamic loader's wording when a shared library is missing. */
    private static final Pattern MISSING_LIBRARY = Pattern.compile("([^\\s:/]+\\.so[.0-9]*): cannot open shared object file");
    private static final Duration VERSION_CHECK_TIMEOUT = Duration.ofSeconds(30);
    /** Soname links one installation may need (libva.so.2, libva-drm.so.2, with room to spare). */
    private static final int MAX_LINK_REPAIRS = 8;
    private static final int STDERR_TAIL_LINES = 6;
    private static final int STDERR_TAIL_CHARS = 1200;
    private static final int STDERR_KEPT_BYTES = 64 * 1024;

    /** Finds the two executables: {@code [ffmpeg, ffprobe]}. */
    private final Supplier<List<Path>> locator;
    private volatile Installation installation;
    /**
     * Why the executables cannot run, once known. A JVM that failed to load FFmpeg's native libraries
     * cannot retry (JavaCPP gives a vaguer error the second time): fix the machine and restart.
     */
    private MediaToolUnavailableException unavailable;

    /** The executables of the bundle, unpacked by JavaCPP on first use. */
    public FfmpegTool() {
        this.locator = FfmpegTool::bundledExecutables;
    }

    /**
     * For tests: executables that stand in for the bundle's, e.g. in a directory the test controls. They are
     * prepared like the bundle's: their directory goes first on the library path, and the soname links
     * their loader asks for are made there.
     */
    FfmpegTool(Path ffmpeg, Path ffprobe) {
        this.locator = () -> List.of(ffmpeg, ffprobe);
    }

    /**
     * Runs one executable to completion and returns how it ended; a non-zero exit is a result, not an
     * exception, because only the caller knows whether it means bad input or a broken tool — except
     * when the executable could not start at all, which is never the input's fault.
     *
     * @throws MediaToolUnavailableException when the executables cannot run on this machine
     * @throws MediaToolException when it cannot be started or does not finish within {@code timeout}
     */
    public ToolResult run(Executable executable, List<String> arguments, Duration timeout) {
        Installation tools = installation();
        List<String> command = new ArrayList<>();
        command.add((executable == Executable.FFMPEG ? tools.ffmpeg() : tools.ffprobe()).toString());
        command.addAll(arguments);
        ToolResult result = execute(command, tools.environment(), timeout);
        if (!result.succeeded() && missingLibrary(result.stderrTail()).isPresent()) {
            // The executable did not even start (e.g. its soname links were removed): not the input's fault.
            installation = null;
            throw new MediaToolUnavailableException(executable + " does not start: " + explain(result.stderrTail()));
        }
        return result;
    }

    /** Finds (and if need be repairs) the executables now rather than on the first job. */
    public void verify() {
        installation();
    }

    private Installation installation() {
        Installation found = installation;
        if (found == null) {
            synchronized (this) {
                if (unavailable != null) {
                    throw new MediaToolUnavailableException(unavailable.getMessage(), unavailable);
                }
                if (installation == null) {
                    try {
                        installation = locate();
                    } catch (MediaToolUnavailableException e) {
                        unavailable = e;
                        throw e;
                    }
                }
                found = installation;
            }
        }
        return found;
    }

    private Installation locate() {
        List<Path> executables = locator.get();
        return prepare(executables.get(0), executables.get(1));
    }

    private static List<Path> bundledExecutables() {
        String ffmpeg;
        String ffprobe;
        try {
            ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        } catch (LinkageError e) {
            throw new MediaToolUnavailableException("the bundled FFmpeg does not load: " + explain(messagesOf(e)), e);
        }
        if (ffmpeg == null || ffprobe == null) {
            throw new MediaToolUnavailableException("org.bytedeco:ffmpeg carries no ffmpeg/ffprobe executables for "
                    + Loader.getPlatform());
        }
        return List.of(Path.of(ffmpeg), Path.of(ffprobe));
    }

    /** Puts the executables' directory on the library path and makes both start, linking sonames if need be. */
    private static Installation prepare(Path ffmpeg, Path ffprobe) {
        Path libraryDir = ffmpeg.getParent();
        String inherited = System.getenv("LD_LIBRARY_PATH");
        Map<String, String> environment = Map.of("LD_LIBRARY_PATH",
                inherited == null || inherited.isBlank() ? libraryDir.toString() : libraryDir + ":" + inherited);
        Installation tools = new Installation(ffmpeg, ffprobe, environment);
        makeRunnable(tools.ffmpeg(), libraryDir, environment);
        makeRunnable(tools.ffprobe(), libraryDir, environment);
        LOG.debugf("FFmpeg executables in %s", libraryDir);
        return tools;
    }

    /** Runs {@code -version}, adding the soname links the loader asks for until the executable starts. */
    private static void makeRunnable(Path executable, Path libraryDir, Map<String, String> environment) {
        for (int repairs = 0;; repairs++) {
            ToolResult version = execute(List.of(executable.toString(), "-hide_banner", "-version"), environment, VERSION_CHECK_TIMEOUT);
            if (version.succeeded()) {
                return;
            }
            Optional<String> missing = missingLibrary(version.stderrTail());
            if (missing.isEmpty() || repairs == MAX_LINK_REPAIRS || !linkBundledLibrary(libraryDir, missing.get())) {
                throw new MediaToolUnavailableException(executable.getFileName() + " does not start: " + explain(version.stderrTail()));
            }
        }
    }

    /**
     * Makes {@code libfoo.so.2} point at a bundled {@code libfoo.so}.
     *
     * @return false when the bundle has no such library (it must come from the system)
     */
    private static boolean linkBundledLibrary(Path libraryDir, String soname) {
        Path link = libraryDir.resolve(soname);
        String unversioned = soname.substring(0, soname.indexOf(".so") + ".so".length());
        if (Files.exists(link) || unversioned.equals(soname) || !Files.isRegularFile(libraryDir.resolve(unversioned))) {
            return false;
        }
        try {
            Files.createSymbolicLink(link, Path.of(unversioned));
            LOG.infof("linked %s -> %s in the FFmpeg bundle", soname, unversioned);
        } catch (FileAlreadyExistsException raced) {
            // another process made the same link
        } catch (IOException e) {
            throw new MediaToolUnavailableException("cannot link " + soname + " in " + libraryDir + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** The library a loader error names, e.g. {@code libpulse.so.0}. */
    static Optional<String> missingLibrary(String loaderMessage) {
        Matcher matcher = MISSING_LIBRARY.matcher(loaderMessage);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A loader error turned into what an operator should do about it. */
    static String explain(String loaderMessage) {
        Optional<String> missing = missingLibrary(loaderMessage);
        if (missing.isEmpty()) {
            return loaderMessage;
        }
        if (missing.get().startsWith("libpulse")) {
            return "shared library " + missing.get() + " is missing: install Debian package libpulse0 (apt-get install -y libpulse0)";
        }
        return "shared library " + missing.get() + " is missing";
    }

    private static String messagesOf(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static ToolResult execute(List<String> command, Map<String, String> environment, Duration timeout) {
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            // Files, not pipes: nothing can block on a full pipe and no reader threads are needed.
            stdout = Files.createTempFile("starloom-ffmpeg-", ".out");
            stderr = Files.createTempFile("starloom-ffmpeg-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            process = ChildProcesses.start(builder);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MediaToolException(Path.of(command.get(0)).getFileName() + " did not finish within " + timeout
                        + ": " + tail(stderr));
            }
            return new ToolResult(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), tail(stderr), lastBytes(stderr));
        } catch (IOException e) {
            throw new MediaToolException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaToolException(Path.of(command.get(0)).getFileName() + " was interrupted", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The end of a diagnostics file, for callers that parse what the tool reports there (loudnorm's JSON). */
    private static String lastBytes(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - STDERR_KEPT_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The last few lines of a diagnostics file, without reading a huge log into memory. */
    private static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 4 * STDERR_TAIL_CHARS);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
            return tail.length() <= STDERR_TAIL_CHARS ? tail : "…" + tail.substring(tail.length() - STDERR_TAIL_CHARS);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("cannot delete %s: %s", file, e.getMessage());
            }
        }
    }

    private record Installation(Path ffmpeg, Path ffprobe, Map<String, String> environment) {
    }
}
