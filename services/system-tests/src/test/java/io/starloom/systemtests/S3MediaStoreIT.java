package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.starloom.mesh.support.testing.LocalS3;

/**
 * The mesh as the cluster overlays run it: media in an S3 bucket instead of a shared directory. An S3 server
 * (S3Proxy, signed requests) runs in this JVM; a mesh of its own (five service processes) is configured
 * with STARLOOM_MEDIA_STORE=s3, makes one film, and nothing of it lands in the services' local media root.
 */
class S3MediaStoreIT {
    private static final String BUCKET = "starloom-media";
    private static final String ACCESS_KEY = "starloom-system-test";
    private static final String SECRET_KEY = "starloom-system-test-secret";

    private static LocalS3 s3;
    private static Mesh mesh;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(ACCESS_KEY, SECRET_KEY);
        mesh = Mesh.startNew("mesh-s3", Map.of(
                "STARLOOM_MEDIA_STORE", "s3",
                "STARLOOM_MEDIA_S3_BUCKET", BUCKET,
                "STARLOOM_MEDIA_S3_ENDPOINT", s3.endpoint(),
                "STARLOOM_MEDIA_S3_PATH_STYLE", "true",
                "STARLOOM_MEDIA_S3_CREATE_BUCKET", "true",
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aStoryBecomesAFilmWithItsMediaInTheBucket() throws Exception {
        StoryApi api = new StoryApi(mesh, "s3-tenant");
        String id = api.submit("Orion hunts across the winter sky. The Scorpion rises and Orion sets in the west.", Map.of());

        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");

        Path film = api.download(id, "film", Path.of("target/films-s3").resolve(id).resolve("film.mp4"));
        Ffprobe.Probe probe = Ffprobe.probe(film);
        assertThat(probe.formatName()).contains("mp4");
        assertThat(probe.video().path("codec_name").asText()).isEqualTo("h264");

        BlobStore store = s3.blobStore();
        List<String> keys = store.list(BUCKET, ListContainerOptions.Builder.prefix("stories/" + id + "/").recursive()).stream()
                .map(StorageMetadata::getName).toList();
        assertThat(keys).as("clips and film are objects of the bucket").contains("stories/" + id + "/film/film.mp4")
                .anyMatch(key -> key.startsWith("stories/" + id + "/shots/shot-000-a"));
        assertThat(store.blobMetadata(BUCKET, "stories/" + id + "/film/film.mp4").getSize()).isEqualTo(Files.size(film));
        assertThat(mesh.mediaRoot().resolve("stories")).as("no media in the local root, only staging and cache").doesNotExist();
    }
}
