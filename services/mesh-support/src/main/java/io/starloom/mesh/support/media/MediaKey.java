package io.starloom.mesh.support.media;

import java.util.regex.Pattern;

/**
 * Where an object lives in the media store, relative to its root: {@code /}-separated plain names. Keys are
 * built from story ids and file names that arrive in messages, so every segment is checked: no separators,
 * no {@code ..}, no leading dot (which also keeps the store's own dot-named work files out of reach).
 *
 * @param path e.g. {@code stories/<story>/film/film.mp4}
 */
public record MediaKey(String path) {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public MediaKey {
        if (path == null || path.isEmpty()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_KEY, "empty media key");
        }
        for (String segment : path.split("/", -1)) {
            if (!PLAIN_NAME.matcher(segment).matches()) {
                throw new MediaReferenceException(MediaReferenceException.INVALID_KEY,
                        "'" + path + "' is no media key: '" + segment + "' is not a plain name");
            }
        }
    }

    /**
     * One attempt's clip: {@code stories/<story>/shots/shot-<NNN>-a<attempt>.mp4}. Deterministic per story,
     * shot and attempt, so a redelivered command finds the clip it already made.
     */
    public static MediaKey clip(String storyId, int shotIndex, int attempt) {
        if (shotIndex < 0 || attempt < 1) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_KEY,
                    "no clip for shot " + shotIndex + ", attempt " + attempt);
        }
        return new MediaKey(storyDirectory(storyId) + "/shots/" + String.format("shot-%03d-a%d.mp4", shotIndex, attempt));
    }

    /** A file of a story's film, e.g. {@code stories/<story>/film/film.vtt}. */
    public static MediaKey film(String storyId, String fileName) {
        return new MediaKey(storyDirectory(storyId) + "/film/" + plainName("file name", fileName));
    }

    private static String storyDirectory(String storyId) {
        return "stories/" + plainName("story id", storyId);
    }

    private static String plainName(String what, String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_KEY,
                    what + " '" + name + "' cannot name an object in the media store");
        }
        return name;
    }
}
