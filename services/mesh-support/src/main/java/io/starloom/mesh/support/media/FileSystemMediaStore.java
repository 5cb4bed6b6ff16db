package io.starloom.mesh.support.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The media store on a filesystem shared by the services, under one root directory. URIs are absolute
 * {@code file:} URIs of files under the root, and no URI is honoured that leaves it, lexically or through a
 * symbolic link.
 */
public final class FileSystemMediaStore implements MediaStore {
    /** Dot-named, so that no {@link MediaKey} reaches it. */
    private static final String WORK_DIRECTORY = ".work";

    private final Path root;

    public FileSystemMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String uriOf(MediaKey key) {
        return pathOf(key).toUri().toString();
    }

    @Override
    public String put(MediaKey key, Path file) {
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            // Staged next to the target, so that the last step is a rename within one directory: readers
            // see the old object or the new one, never part of one.
            Path staged = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            try {
                Files.move(file, staged, StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file + " as " + key.path(), e);
        }
        return uriOf(key);
    }

    @Override
    public Path localFile(String uri) {
        return find(uri).orElseThrow(() -> new MediaNotFoundException("nothing is stored at " + uri));
    }

    @Override
    public InputStream open(String uri) {
        Path file = localFile(uri);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new MediaNotFoundException("nothing is stored at " + uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    @Override
    public boolean exists(String uri) {
        return find(uri).isPresent();
    }

    @Override
    public WorkDirectory newWorkDirectory() {
        try {
            Path parent = Files.createDirectories(root.resolve(WORK_DIRECTORY));
            return new WorkDirectory(Files.createTempDirectory(parent, "work-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + root, e);
        }
    }

    private Path pathOf(MediaKey key) {
        return root.resolve(key.path());
    }

    /** The real path of the regular file a URI names, checked to lie inside the root. */
    private Optional<Path> find(String uri) {
        Path path = pathOf(keyOf(uri));
        Path real;
        try {
            real = path.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new MediaReferenceException(MediaReferenceException.OUTSIDE_MEDIA_ROOT,
                        uri + " links outside the media store");
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + uri, e);
        }
        return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
    }

    @Override
    public MediaKey keyOf(String uri) {
        Path path = lexicalPath(uri);
        if (!path.startsWith(root)) {
            throw new MediaReferenceException(MediaReferenceException.OUTSIDE_MEDIA_ROOT, uri + " is outside the media store");
        }
        return new MediaKey(root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/"));
    }

    private static Path lexicalPath(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "no media URI given");
        }
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "'" + uri + "' is not a URI: " + e.getReason());
        }
        if (!"file".equalsIgnoreCase(parsed.getScheme())) {
            throw new MediaReferenceException(MediaReferenceException.FOREIGN_URI, "'" + uri + "' is not a file: URI of the media store");
        }
        try {
            return Path.of(parsed).normalize();
        } catch (IllegalArgumentException e) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "'" + uri + "' names no local file: " + e.getMessage());
        }
    }
}
