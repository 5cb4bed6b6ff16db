package io.starloom.cli.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** Writes a file next to its final name and moves it into place: an interrupted download never looks finished. */
final class AtomicFiles {
    /** Writes the content into a stream; may refuse it by throwing before the file is moved into place. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, Content content) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(partial)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("cannot write " + target + " (" + e + ")", ExitCode.FAILED, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do: the final name was never written
            }
        }
    }
}
