package io.starloom.mesh.support.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A private scratch directory for producing media before {@link MediaStore#put}; closing it deletes what is
 * left in it.
 */
public record WorkDirectory(Path path) implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkDirectory.class);

    /** Never throws: leftover scratch files must not turn finished work into a failure. */
    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not clean up the work directory %s: %s", path, e.getMessage());
        }
    }
}
