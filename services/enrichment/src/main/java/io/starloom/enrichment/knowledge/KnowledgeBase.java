package io.starloom.enrichment.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.starloom.enrichment.config.KnowledgeConfig;

/**
 * The knowledge enrichment plans with: the shipped files, with the operator's directory
 * ({@code starloom.enrichment.knowledge.directory}) merged over them. The directory is checked every
 * {@code reload-interval}; when a file changed, the whole knowledge is rebuilt and swapped in at once. A
 * file that does not parse leaves the knowledge as it was and is logged, so a typo never stops enrichment.
 */
@ApplicationScoped
public class KnowledgeBase {
    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class);

    private final KnowledgeLoader loader;
    private final Optional<Path> directory;
    private final AtomicReference<Knowledge> current = new AtomicReference<>();
    private volatile FileTime seen;

    public KnowledgeBase(KnowledgeConfig config) {
        this.loader = KnowledgeLoader.withShippedSky();
        this.directory = config.directory();
        this.seen = lastModified();
        current.set(loader.load(directory));
        LOG.infof("knowledge loaded: %d constellations, %d asterisms, %d myths, %d figures, %d keywords, %d names%s",
                now().constellations().size(), now().asterisms().size(), now().myths().size(), now().figures().size(),
                now().keywords().size(), now().names(), directory.map(d -> " (operator directory " + d + ")").orElse(""));
    }

    /** The knowledge as it is now; one planning uses one snapshot throughout. */
    public Knowledge now() {
        return current.get();
    }

    /** Runs on a worker thread (file reads). */
    @Scheduled(every = "${starloom.enrichment.knowledge.reload-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        FileTime modified = lastModified();
        if (modified != null && !modified.equals(seen)) {
            reload();
        }
    }

    /** Rebuilds the knowledge from the files now; false (and the old knowledge kept) when a file is broken. */
    public boolean reload() {
        seen = lastModified();
        try {
            current.set(loader.load(directory));
            LOG.infof("knowledge reloaded from %s: %d myths, %d figures, %d keywords", directory.orElse(null),
                    now().myths().size(), now().figures().size(), now().keywords().size());
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("knowledge in %s not reloaded, keeping the previous one: %s", directory.orElse(null), e.getMessage());
            return false;
        }
    }

    private FileTime lastModified() {
        if (directory.isEmpty()) {
            return null;
        }
        FileTime latest = FileTime.fromMillis(0);
        for (String name : KnowledgeLoader.EDITABLE) {
            Path file = directory.get().resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    FileTime time = Files.getLastModifiedTime(file);
                    // size too: two saves within the file system's time resolution still differ
                    time = FileTime.fromMillis(time.toMillis() + Files.size(file));
                    latest = time.compareTo(latest) > 0 ? time : latest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return latest;
    }
}
