package io.starloom.postprocess.narration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.starloom.postprocess.process.ChildProcesses;

/**
 * Runs a local TTS program (espeak-ng, festival's text2wave) the same way for every engine: the text goes in
 * through a UTF-8 file, never as an argument, so no narration can be read as an option; the child dies with
 * the service ({@link ChildProcesses}); a timeout or a missing program makes the engine unavailable. Blocking.
 */
final class OfflineSpeech {

    /** What the program printed (stdout and stderr together) and how it exited. */
    record Outcome(int exitCode, String output) {
    }

    private OfflineSpeech() {
    }

    /**
     * @param program the program's name for messages, e.g. {@code espeak-ng}
     * @param debianPackage what to install when it cannot run
     * @param command the command line, given the file that holds the text
     */
    static Outcome run(String program, String debianPackage, Function<Path, List<String>> command, String text, Path target,
            Duration timeout) {
        Path input = null;
        Path log = null;
        Process process = null;
        try {
            input = Files.createTempFile(target.getParent(), "speech-", ".txt");
            log = Files.createTempFile(target.getParent(), "speech-", ".log");
            Files.writeString(input, text, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command.apply(input))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            process = ChildProcesses.start(builder);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechUnavailableException(program + " did not finish within " + timeout);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            // Started through setpriv, a missing or unexecutable program is setpriv's exit 127 or 126, not an IOException.
            if (ChildProcesses.diesWithService() && (process.exitValue() == 127 || process.exitValue() == 126)) {
                throw new SpeechUnavailableException(program + " cannot run (Debian package " + debianPackage + "): " + output);
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            // Most likely not installed: "Cannot run program "espeak-ng": error=2".
            throw new SpeechUnavailableException(program + " cannot run (Debian package " + debianPackage + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException("interrupted while " + program + " was speaking", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(input);
            deleteQuietly(log);
        }
    }

    /** Whether the program left more than a bare 44-byte WAV header behind. */
    static boolean wroteSpeech(Path target) {
        try {
            return Files.isRegularFile(target) && Files.size(target) > 44;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file in the work directory, which is deleted as a whole anyway
            }
        }
    }
}
