package io.starloom.mesh.support.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemMediaStoreTest {
    private static final String STORY = "0b7e4a52-6a8e-4c53-9d1e-3f0a2b6c8d11";

    @TempDir
    Path temp;

    @Test
    void storesUnderTheKeyAndReadsBackByUri() throws IOException {
        MediaStore store = new FileSystemMediaStore(temp.resolve("media"));
        MediaKey key = MediaKey.clip(STORY, 2, 1);

        String uri = store.put(key, produce(store, "clip"));

        assertThat(uri).isEqualTo(store.uriOf(key))
                .isEqualTo(temp.resolve("media/stories/" + STORY + "/shots/shot-002-a1.mp4").toUri().toString());
        assertThat(store.keyOf(uri)).isEqualTo(key);
        assertThat(store.exists(uri)).isTrue();
        assertThat(Files.readString(store.localFile(uri))).isEqualTo("clip");
        try (InputStream in = store.open(uri)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("clip");
        }
    }

    @Test
    void takesTheFileOverAndLeavesNoStagingFiles() throws IOException {
        MediaStore store = new FileSystemMediaStore(temp);
        Path produced = produce(store, "film");

        store.put(MediaKey.film(STORY, "film.mp4"), produced);

        assertThat(produced).doesNotExist();
        try (var files = Files.list(temp.resolve("stories/" + STORY + "/film"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("film.mp4");
        }
    }

    @Test
    void puttingAKeyAgainReplacesItUnderTheSameUri() throws IOException {
        MediaStore store = new FileSystemMediaStore(temp);
        MediaKey key = MediaKey.film(STORY, "film.vtt");

        String first = store.put(key, produce(store, "WEBVTT 1"));
        String second = store.put(key, produce(store, "WEBVTT 2"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(store.localFile(second))).isEqualTo("WEBVTT 2");
    }

    @Test
    void workDirectoriesAreRemovedOnClose() throws IOException {
        MediaStore store = new FileSystemMediaStore(temp);
        Path directory;
        try (WorkDirectory work = store.newWorkDirectory()) {
            directory = work.path();
            Files.writeString(directory.resolve("left-over.txt"), "x");
        }

        assertThat(directory).doesNotExist();
    }

    @Test
    void keysAreMadeOfPlainNamesOnly() {
        assertInvalidKey(() -> MediaKey.film(STORY, "../../etc/passwd"));
        assertInvalidKey(() -> MediaKey.film(STORY, "sub/film.mp4"));
        assertInvalidKey(() -> MediaKey.film(STORY, ".hidden"));
        assertInvalidKey(() -> MediaKey.film("..", "film.mp4"));
        assertInvalidKey(() -> MediaKey.clip("a/b", 0, 1));
        assertInvalidKey(() -> MediaKey.clip(STORY, 0, 0));
        assertInvalidKey(() -> new MediaKey("stories/../../x"));
        assertInvalidKey(() -> new MediaKey("stories//x"));
        assertInvalidKey(() -> new MediaKey("/stories/x"));
    }

    @Test
    void refusesUrisOutsideTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("media"));
        Files.writeString(temp.resolve("secret.txt"), "secret");
        MediaStore store = new FileSystemMediaStore(root);

        assertReason(() -> store.localFile(temp.resolve("secret.txt").toUri().toString()), MediaReferenceException.OUTSIDE_MEDIA_ROOT);
        assertReason(() -> store.localFile(root.toUri() + "stories/../../secret.txt"), MediaReferenceException.OUTSIDE_MEDIA_ROOT);
        assertReason(() -> store.exists(temp.resolve("media-other/x").toUri().toString()), MediaReferenceException.OUTSIDE_MEDIA_ROOT);
    }

    @Test
    void refusesASymlinkThatLeadsOutOfTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("media"));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");
        Path link = root.resolve("stories/" + STORY + "/film/film.mp4");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, secret);
        MediaStore store = new FileSystemMediaStore(root);

        assertReason(() -> store.localFile(link.toUri().toString()), MediaReferenceException.OUTSIDE_MEDIA_ROOT);
        assertReason(() -> store.open(link.toUri().toString()), MediaReferenceException.OUTSIDE_MEDIA_ROOT);
    }

    @Test
    void refusesUrisOfOtherStoresAndMalformedOnes() {
        MediaStore store = new FileSystemMediaStore(temp);

        assertReason(() -> store.localFile("http://media.example/stories/" + STORY + "/film/film.mp4"), MediaReferenceException.FOREIGN_URI);
        assertReason(() -> store.localFile("stories/" + STORY + "/film/film.mp4"), MediaReferenceException.FOREIGN_URI);
        assertReason(() -> store.localFile("file://host" + temp + "/x"), MediaReferenceException.INVALID_URI);
        assertReason(() -> store.localFile("file:" + temp + "/a b"), MediaReferenceException.INVALID_URI);
        assertReason(() -> store.localFile(" "), MediaReferenceException.INVALID_URI);
        assertReason(() -> store.localFile(temp.resolve(".work/x").toUri().toString()), MediaReferenceException.INVALID_KEY);
    }

    @Test
    void aMissingObjectIsNotFound() {
        MediaStore store = new FileSystemMediaStore(temp.resolve("media"));
        String uri = store.uriOf(MediaKey.film(STORY, "film.mp4"));

        assertThat(store.exists(uri)).isFalse();
        assertThatThrownBy(() -> store.localFile(uri)).isInstanceOf(MediaNotFoundException.class).hasMessageContaining(uri);
        assertThatThrownBy(() -> store.open(uri)).isInstanceOf(MediaNotFoundException.class);
    }

    @Test
    void aDirectoryIsNoObject() throws IOException {
        MediaStore store = new FileSystemMediaStore(temp);
        Files.createDirectories(temp.resolve("stories/" + STORY));

        assertThat(store.exists(temp.resolve("stories/" + STORY).toUri().toString())).isFalse();
    }

    private static Path produce(MediaStore store, String content) throws IOException {
        return Files.writeString(store.newWorkDirectory().path().resolve("out.bin"), content);
    }

    private static void assertInvalidKey(ThrowingCallable call) {
        assertReason(call, MediaReferenceException.INVALID_KEY);
    }

    private static void assertReason(ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MediaReferenceException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
