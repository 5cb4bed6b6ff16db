package io.starloom.mesh.support.media;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * The one way services read and write media (clips, audio, subtitles, films). Objects are named by
 * {@link MediaKey} when written and by URI everywhere else: URIs travel in messages and in the database, so
 * every URI read is checked to be one of this store's, inside it. Objects are only ever seen complete.
 */
public interface MediaStore {
    /** The URI under which {@code key} is (or will be) stored. */
    String uriOf(MediaKey key);

    /**
     * The key a URI of this store names, the inverse of {@link #uriOf}; reads nothing.
     *
     * @throws MediaReferenceException when the URI is malformed, of another store or outside this one
     */
    MediaKey keyOf(String uri);

    /**
     * Publishes a finished local file under {@code key} in one step and returns its URI. The store takes the
     * file over: it is no longer at {@code file} afterwards. Putting the same key again replaces the object
     * and returns the same URI, so a redelivered command can simply redo its work.
     */
    String put(MediaKey key, Path file);

    /**
     * A readable local file with the object's content.
     *
     * @throws MediaReferenceException when the URI is malformed, of another store or outside this one
     * @throws MediaNotFoundException when nothing is stored under it
     */
    Path localFile(String uri);

    /**
     * The object's content; the caller closes the stream.
     *
     * @throws MediaReferenceException when the URI is malformed, of another store or outside this one
     * @throws MediaNotFoundException when nothing is stored under it
     */
    InputStream open(String uri);

    /**
     * Whether something is stored under the URI.
     *
     * @throws MediaReferenceException when the URI is malformed, of another store or outside this one
     */
    boolean exists(String uri);

    /** A fresh scratch directory, on the same disk as the store where it has one, so that put can rename. */
    WorkDirectory newWorkDirectory();
}
