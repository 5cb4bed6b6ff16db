package io.starloom.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.devstack.DevStackTestResource;

/**
 * The film passes through the studio as a stream: the browser has its first megabyte while the scheduler still holds
 * the rest back; a Range request is answered 206 with the scheduler's Content-Range; the scheduler's 404 is the
 * studio's; the user's token goes with every request.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeSchedulerFiles.class, restrictToAnnotatedClass = true)
class MediaStreamingTest {
    @TestHTTPResource("/")
    URL studio;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theFilmIsStreamedRangesArePassedOnAndAnotherTenantsStoryIsNotFound() throws Exception {
        String cookies = SignInTest.signIn(false).entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        FakeSchedulerFiles.firstPartSeen = new CountDownLatch(1);

        HttpResponse<InputStream> film = http.send(get(cookies, "stories/mine/media/film").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(film.statusCode()).isEqualTo(200);
        assertThat(film.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(film.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        byte[] received;
        try (InputStream body = film.body()) {
            byte[] head = body.readNBytes(FakeSchedulerFiles.HEAD);
            FakeSchedulerFiles.firstPartSeen.countDown();
            byte[] rest = body.readAllBytes();
            received = Arrays.copyOf(head, head.length + rest.length);
            System.arraycopy(rest, 0, received, head.length, rest.length);
        }
        assertThat(FakeSchedulerFiles.heldBackPartSentInTime).as("the first megabyte reached the browser before the scheduler sent the rest")
                .isTrue();
        assertThat(received).isEqualTo(FakeSchedulerFiles.FILM);
        assertThat(FakeSchedulerFiles.lastAuthorization).startsWith("Bearer ey");

        HttpResponse<byte[]> range = http.send(get(cookies, "stories/mine/media/film").header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + FakeSchedulerFiles.FILM.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(FakeSchedulerFiles.FILM, 1000, 2000));

        HttpResponse<byte[]> thumbnail = http.send(get(cookies, "stories/mine/shots/0/thumbnail?attempt=1").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(thumbnail.body()).isEqualTo(FakeSchedulerFiles.THUMBNAIL);

        // The watch page renders a generated shot's picture (through the studio, with its attempt) and a frame for the others.
        HttpResponse<String> page = http.send(get(cookies, "stories/mine").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<img src=\"/stories/mine/shots/0/thumbnail?attempt=2\"")
                .containsOnlyOnce("/thumbnail?attempt=");

        HttpResponse<String> theirs = http.send(get(cookies, "stories/theirs/media/film").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(theirs.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(theirs.body()).doesNotContain("\"status\":404");
    }

    private HttpRequest.Builder get(String cookies, String path) {
        return HttpRequest.newBuilder(URI.create(studio + path)).header("Cookie", cookies).timeout(Duration.ofSeconds(30));
    }
}
