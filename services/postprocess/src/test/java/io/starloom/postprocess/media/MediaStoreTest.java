package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaStoreTest {
    @TempDir
    Path temp;

    private Path root;
    private MediaStore store;
    private Path clip;

    @BeforeEach
    void storeWithOneClip() throws IOException {
        root = Files.createDirectories(temp.resolve("media"));
        store = new MediaStore(() -> root);
        clip = Files.createDirectories(root.resolve("stories/s1/shots")).resolve("shot-000-a1.mp4");
        Files.writeString(clip, "clip");
    }

    @Test
    void aFileUriUnderTheRootResolves() {
        assertEquals(clip, store.resolveExisting(clip.toUri().toString()));
        assertEquals(clip, store.resolveExisting(" " + store.uriOf(clip) + " "));
        assertTrue(store.uriOf(clip).startsWith("file:///"), store.uriOf(clip));
    }

    @Test
    void aUriOutsideTheRootIsRefusedEvenThroughDotDot() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.mp4"), "x");
        assertReason(MediaReferenceException.OUTSIDE_MEDIA_ROOT, outside.toUri().toString());
        assertReason(MediaReferenceException.OUTSIDE_MEDIA_ROOT, root.toUri() + "stories/../../secret.mp4");
        assertReason(MediaReferenceException.OUTSIDE_MEDIA_ROOT, "file:///etc/passwd");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.mp4"), "x");
        Path link = Files.createSymbolicLink(root.resolve("stories/s1/shots/link.mp4"), outside);
        assertReason(MediaReferenceException.OUTSIDE_MEDIA_ROOT, link.toUri().toString());
    }

    @Test
    void onlyFileUrisAreAccepted() {
        assertReason(MediaReferenceException.MISSING_URI, " ");
        assertReason(MediaReferenceException.NOT_A_FILE_URI, "https://example.com/film.mp4");
        assertReason(MediaReferenceException.NOT_A_FILE_URI, clip.toString());
        assertReason(MediaReferenceException.INVALID_URI, "file:///with space/film.mp4");
        assertReason(MediaReferenceException.INVALID_URI, "file://host" + clip);
    }

    @Test
    void aMissingFileOrADirectoryIsNotFound() {
        assertThrows(MediaNotFoundException.class, () -> store.resolveExisting(root.resolve("stories/s1/shots/none.mp4").toUri().toString()));
        assertThrows(MediaNotFoundException.class, () -> store.resolveExisting(root.resolve("stories").toUri().toString()));
    }

    @Test
    void theFilmDirectoryIsCreatedForSafeStoryIdsOnly() {
        Path directory = store.filmDirectory("0f8e2c1a-7d7e-4c55-9d3c-2b1f0a6e9b11");
        assertEquals(root.resolve("stories/0f8e2c1a-7d7e-4c55-9d3c-2b1f0a6e9b11/film"), directory);
        assertTrue(Files.isDirectory(directory));
        for (String unsafe : new String[] { "..", "../escape", "a/b", ".hidden", "", "a\\b" }) {
            MediaReferenceException e = assertThrows(MediaReferenceException.class, () -> store.filmDirectory(unsafe), unsafe);
            assertEquals(MediaReferenceException.INVALID_STORY_ID, e.reason());
        }
    }

    private void assertReason(String reason, String uri) {
        MediaReferenceException e = assertThrows(MediaReferenceException.class, () -> store.resolveExisting(uri), uri);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
