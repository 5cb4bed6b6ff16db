package io.starloom.mesh.support.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.configuration.MemorySize;
import io.starloom.mesh.support.testing.LocalS3;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3 server in this JVM (S3Proxy over an in-memory blob store), signed requests included. */
class S3MediaStoreTest {
    private static final String STORY = "0b7e4a52-6a8e-4c53-9d1e-3f0a2b6c8d11";
    private static final String ACCESS_KEY = "starloom-test";
    private static final String SECRET_KEY = "starloom-test-secret";
    private static final long PART = 5L * 1024 * 1024;

    private static LocalS3 server;
    private static S3Client s3;

    @TempDir
    Path temp;

    @BeforeAll
    static void startS3() throws Exception {
        server = LocalS3.start(ACCESS_KEY, SECRET_KEY);
        s3 = server.client();
        s3.createBucket(b -> b.bucket("media"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        server.close();
    }

    private S3MediaStore store() {
        return new S3MediaStore(s3, "media", temp.resolve("local"), PART, 1L << 30);
    }

    @Test
    void storesUnderTheKeyAndReadsBackByUri() throws IOException {
        MediaStore store = store();
        MediaKey key = MediaKey.clip(STORY, 2, 1);
        Path produced = produce(store, "clip 星");

        String uri = store.put(key, produced);

        assertThat(uri).isEqualTo(store.uriOf(key)).isEqualTo("s3://media/stories/" + STORY + "/shots/shot-002-a1.mp4");
        assertThat(store.keyOf(uri)).isEqualTo(key);
        assertThat(produced).as("the store takes the file over").doesNotExist();
        assertThat(store.exists(uri)).isTrue();
        assertThat(Files.readString(store.localFile(uri))).isEqualTo("clip 星");
        try (InputStream in = store.open(uri)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("clip 星");
        }
        // The object is really in the bucket, under the key's path.
        assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("stories/" + STORY + "/shots/")).contents())
                .extracting(o -> o.key()).containsExactly("stories/" + STORY + "/shots/shot-002-a1.mp4");
    }

    @Test
    void puttingAKeyAgainReplacesItAndTheCacheNoticesTheChange() throws IOException {
        MediaStore store = store();
        MediaKey key = MediaKey.film(STORY, "film.vtt");

        String first = store.put(key, produce(store, "WEBVTT 1"));
        assertThat(Files.readString(store.localFile(first))).isEqualTo("WEBVTT 1");
        String second = store.put(key, produce(store, "WEBVTT 2 (longer)"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(store.localFile(second))).isEqualTo("WEBVTT 2 (longer)");
    }

    @Test
    void largeObjectsGoUpInPartsAndComeBackWhole() throws Exception {
        MediaStore store = store();
        byte[] content = new byte[(int) (2 * PART + 12345)];
        new Random(7).nextBytes(content);
        Path produced = store.newWorkDirectory().path().resolve("film.mp4");
        Files.write(produced, content);

        String uri = store.put(MediaKey.film(STORY, "film.mp4"), produced);

        String etag = s3.headObject(b -> b.bucket("media").key("stories/" + STORY + "/film/film.mp4")).eTag();
        assertThat(etag).as("a multipart object's ETag names its part count").endsWith("-3\"");
        assertThat(sha256(Files.readAllBytes(store.localFile(uri)))).isEqualTo(sha256(content));
        try (InputStream in = store.open(uri)) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket("media")).uploads()).as("no upload left open").isEmpty();
    }

    @Test
    void missingObjectsAreNotFound() {
        MediaStore store = store();
        String uri = store.uriOf(MediaKey.clip(STORY, 9, 1));

        assertThat(store.exists(uri)).isFalse();
        assertThatThrownBy(() -> store.localFile(uri)).isInstanceOf(MediaNotFoundException.class).hasMessageContaining(uri);
        assertThatThrownBy(() -> store.open(uri)).isInstanceOf(MediaNotFoundException.class).hasMessageContaining(uri);
    }

    @Test
    void foreignAndEscapingUrisAreRefused() {
        MediaStore store = store();
        assertRefused(store, "file:///etc/passwd", MediaReferenceException.FOREIGN_URI);
        assertRefused(store, "https://media.s3.amazonaws.com/stories/x/film/film.mp4", MediaReferenceException.FOREIGN_URI);
        assertRefused(store, "s3://other-bucket/stories/" + STORY + "/film/film.mp4", MediaReferenceException.OUTSIDE_MEDIA_ROOT);
        assertRefused(store, "s3://media/stories/" + STORY + "/../../secret", MediaReferenceException.INVALID_KEY);
        assertRefused(store, "s3://media/stories/%2e%2e/film.mp4", MediaReferenceException.INVALID_KEY);
        assertRefused(store, "s3://media/stories/" + STORY + "/.cache", MediaReferenceException.INVALID_KEY);
        assertRefused(store, "s3://media/stories/x?versionId=1", MediaReferenceException.OUTSIDE_MEDIA_ROOT);
        assertRefused(store, "  ", MediaReferenceException.INVALID_URI);
        assertRefused(store, "s3://media/a b", MediaReferenceException.INVALID_URI);
    }

    @Test
    void openedFromConfigurationAndCreatesItsBucketWhenAsked() throws IOException {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try {
            MediaStore store = MediaStores.open(config("fresh-bucket"), temp.resolve("local"));
            String uri = store.put(MediaKey.film(STORY, "film.srt"), produce(store, "1\n00:00:00,000 --> 00:00:01,000\n星\n"));
            assertThat(uri).startsWith("s3://fresh-bucket/");
            assertThat(store.exists(uri)).isTrue();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(MediaStores.open(filesystem(), temp.resolve("fs"))).isInstanceOf(FileSystemMediaStore.class);
    }

    @Test
    void s3WithoutABucketIsAConfigurationError() {
        assertThatThrownBy(() -> MediaStores.open(config(""), temp)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STARLOOM_MEDIA_S3_BUCKET");
    }

    private static void assertRefused(MediaStore store, String uri, String reason) {
        for (var call : new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {() -> store.exists(uri), () -> store.open(uri), () -> store.localFile(uri)}) {
            assertThatThrownBy(call).as(uri).isInstanceOf(MediaReferenceException.class)
                    .satisfies(e -> assertThat(((MediaReferenceException) e).reason()).as(uri).isEqualTo(reason));
        }
    }

    private static Path produce(MediaStore store, String content) throws IOException {
        Path file = store.newWorkDirectory().path().resolve("produced");
        Files.writeString(file, content);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static MediaStoreConfig filesystem() {
        return new MediaStoreConfig() {
            @Override
            public Kind store() {
                return Kind.FILESYSTEM;
            }

            @Override
            public S3 s3() {
                throw new AssertionError("the filesystem store reads no S3 settings");
            }
        };
    }

    private static MediaStoreConfig config(String bucket) {
        MediaStoreConfig.S3 s3Settings = new MediaStoreConfig.S3() {
            @Override
            public Optional<String> bucket() {
                return Optional.of(bucket);
            }

            @Override
            public Optional<URI> endpoint() {
                return Optional.of(URI.create(server.endpoint()));
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public boolean createBucket() {
                return true;
            }

            @Override
            public MemorySize multipartPartSize() {
                return new MemorySize(java.math.BigInteger.valueOf(PART));
            }

            @Override
            public MemorySize cacheSize() {
                return new MemorySize(java.math.BigInteger.valueOf(1L << 30));
            }
        };
        return new MediaStoreConfig() {
            @Override
            public Kind store() {
                return Kind.S3;
            }

            @Override
            public S3 s3() {
                return s3Settings;
            }
        };
    }
}
