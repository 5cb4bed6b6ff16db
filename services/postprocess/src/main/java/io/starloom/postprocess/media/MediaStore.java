package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.starloom.postprocess.config.MediaConfig;

/**
 * The shared media store on the filesystem. Media are addressed by absolute {@code file:} URIs, and only
 * files under the configured root are ever read or written: a URI that leaves it, lexically or through
 * a symbolic link, is refused.
 */
@Singleton
public class MediaStore {
    /** Story ids become directory names: no separators, no leading dot. */
    private static final Pattern SAFE_STORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Path root;

    public MediaStore(MediaConfig config) {
        this.root = config.root().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * The regular file a URI names.
     *
     * @throws MediaReferenceException when the URI is malformed, not {@code file:} or outside the root
     * @throws MediaNotFoundException when it names no regular file
     */
    public Path resolveExisting(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new MediaReferenceException(MediaReferenceException.MISSING_URI, "no media URI given");
        }
        Path path = lexicalPath(uri.strip());
        if (!path.startsWith(root)) {
            throw new MediaReferenceException(MediaReferenceException.OUTSIDE_MEDIA_ROOT, uri + " is outside the media store");
        }
        if (!Files.isRegularFile(path)) {
            throw new MediaNotFoundException("no media file at " + uri);
        }
        try {
            if (!path.toRealPath().startsWith(root.toRealPath())) {
                throw new MediaReferenceException(MediaReferenceException.OUTSIDE_MEDIA_ROOT, uri + " links outside the media store");
            }
        } catch (IOException e) {
            throw new MediaNotFoundException("no media file at " + uri + ": " + e.getMessage());
        }
        return path;
    }

    /**
     * Where a story's film and its subtitles live ({@code <root>/stories/<storyId>/film}), created if need be.
     *
     * @throws MediaReferenceException when the story id cannot be a directory name
     */
    public Path filmDirectory(String storyId) {
        if (!SAFE_STORY_ID.matcher(storyId).matches()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_STORY_ID,
                    "story id '" + storyId + "' cannot name a directory in the media store");
        }
        Path directory = root.resolve("stories").resolve(storyId).resolve("film");
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /** The URI other services use for a file of the store. */
    public String uriOf(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    private static Path lexicalPath(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "'" + uri + "' is not a URI: " + e.getReason());
        }
        if (!"file".equalsIgnoreCase(parsed.getScheme())) {
            throw new MediaReferenceException(MediaReferenceException.NOT_A_FILE_URI,
                    "'" + uri + "' is not a file: URI of the media store");
        }
        try {
            return Path.of(parsed).normalize();
        } catch (IllegalArgumentException e) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_URI, "'" + uri + "' names no local file: " + e.getMessage());
        }
    }
}
