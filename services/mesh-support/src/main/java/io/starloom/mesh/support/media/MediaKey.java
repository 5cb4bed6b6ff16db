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
    private static final Pattern CLIP = Pattern.compile("stories/[^/]+/shots/shot-\\d{3,}-a\\d+\\.mp4");

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

    /**
     * An attempt's remote task record, {@code …/shots/shot-<NNN>-a<attempt>.task}: written by the worker before it
     * polls a remote backend, so that a restarted worker resumes the same task instead of paying for another.
     */
    public static MediaKey remoteTask(String storyId, int shotIndex, int attempt) {
        return sibling(clip(storyId, shotIndex, attempt), ".task");
    }

    /** The audio track a model made with an attempt's clip, {@code …/shots/shot-<NNN>-a<attempt>.audio.m4a}. */
    public static MediaKey clipAudio(String storyId, int shotIndex, int attempt) {
        return sibling(clip(storyId, shotIndex, attempt), ".audio.m4a");
    }

    /**
     * A small JPEG of a middle frame of an attempt's clip, {@code …/shots/shot-<NNN>-a<attempt>.thumb.jpg}: written by
     * the worker beside the clip before it reports it, served by the scheduler while the story renders.
     */
    public static MediaKey clipThumbnail(String storyId, int shotIndex, int attempt) {
        return thumbnailOf(clip(storyId, shotIndex, attempt));
    }

    /**
     * The thumbnail beside a clip named by {@link #clip}, for a reader that has only the clip's URI (the scheduler
     * keeps the URI a worker reported, whose attempt may be older than the shot's current one).
     *
     * @throws MediaReferenceException when {@code clip} is not a clip's key
     */
    public static MediaKey thumbnailOf(MediaKey clip) {
        if (!CLIP.matcher(clip.path()).matches()) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_KEY, "'" + clip.path() + "' is not a clip's key");
        }
        return sibling(clip, ".thumb.jpg");
    }

    /**
     * Present once a story's shots are no longer wanted (it was canceled): written by the scheduler, read by every
     * worker before it starts a shot and while a remote backend works on one.
     */
    public static MediaKey generationStopped(String storyId) {
        return new MediaKey(storyDirectory(storyId) + "/generation-stopped");
    }

    /**
     * Present once one shot is no longer wanted (CancelShot), {@code …/shots/shot-<NNN>.stopped}: for every attempt
     * of the shot, read where {@link #generationStopped} is.
     */
    public static MediaKey shotStopped(String storyId, int shotIndex) {
        if (shotIndex < 0) {
            throw new MediaReferenceException(MediaReferenceException.INVALID_KEY, "no shot " + shotIndex);
        }
        return new MediaKey(storyDirectory(storyId) + "/shots/" + String.format("shot-%03d.stopped", shotIndex));
    }

    private static MediaKey sibling(MediaKey clip, String suffix) {
        return new MediaKey(clip.path().substring(0, clip.path().length() - ".mp4".length()) + suffix);
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
