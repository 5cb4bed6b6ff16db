package io.starloom.postprocess.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.starloom.postprocess.config.MediaConfig;
import io.starloom.postprocess.config.PostprocessConfig;

/**
 * On start, removes what a killed postprocess left behind in the media store: its work directories
 * ({@code .work/work-*}) and the {@code .part} files of a put that was cut short. The store is shared by
 * several replicas, so only leftovers older than the longest encoding ({@code encode-timeout}) plus a
 * minute go — no live run is that old. Leftover ffmpeg processes need no hunting: every child is started
 * with {@code --pdeathsig KILL} (see {@link ChildProcesses}) and died with the process that started it.
 */
@ApplicationScoped
public class StaleWorkCleaner {
    private static final Logger LOG = Logger.getLogger(StaleWorkCleaner.class);

    private final Path root;
    private final Duration age;

    public StaleWorkCleaner(MediaConfig media, PostprocessConfig config) {
        this.root = media.root();
        this.age = config.encodeTimeout().plusMinutes(1);
    }

    void onStart(@Observes StartupEvent event) {
        if (!ChildProcesses.diesWithService()) {
            LOG.warn("setpriv (util-linux) is missing: an ffmpeg started by a postprocess that is killed keeps running to its end");
        }
        int removed = clean(Instant.now().minus(age));
        if (removed > 0) {
            LOG.infof("removed %d stale work item(s) left by an earlier postprocess under %s", removed, root);
        }
    }

    /** Removes work directories and {@code .part} files last modified before {@code cutoff}; how many. */
    int clean(Instant cutoff) {
        int removed = 0;
        Path work = root.resolve(".work");
        for (Path dir : list(work)) {
            if (dir.getFileName().toString().startsWith("work-") && olderThan(dir, cutoff)) {
                removed += deleteTree(dir);
            }
        }
        Path stories = root.resolve("stories");
        if (Files.isDirectory(stories)) {
            try (Stream<Path> tree = Files.walk(stories, 4)) {
                for (Path part : tree.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".part"))
                        .filter(p -> olderThan(p, cutoff)).toList()) {
                    removed += deleteTree(part);
                }
            } catch (IOException e) {
                LOG.warnf("cannot look for stale .part files under %s: %s", stories, e.getMessage());
            }
        }
        return removed;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean olderThan(Path path, Instant cutoff) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            return modified.toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static int deleteTree(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
            return 1;
        } catch (IOException e) {
            LOG.warnf("cannot remove stale %s: %s", path, e.getMessage());
            return 0;
        }
    }
}
