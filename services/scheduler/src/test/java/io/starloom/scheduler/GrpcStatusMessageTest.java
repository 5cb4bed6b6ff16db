package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.RawGrpc;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/** The grpc-message trailer as it is on the wire, read with a plain HTTP/2 client. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class GrpcStatusMessageTest {
    /** A story id that is no UUID, so the description ("no story …") echoes it, with non-ASCII, ':' and '%'. */
    private static final String ID = "仙女座:α 100%";

    @TestHTTPResource("/")
    URL server;

    @Inject
    Vertx vertx;

    @Test
    void theMessageIsPercentEncodedOnceAsTheSpecSays() throws Exception {
        MultiMap trailers = getStory(ID);
        assertThat(trailers.get("grpc-status")).isEqualTo(String.valueOf(Status.Code.NOT_FOUND.value()));
        String raw = trailers.get("grpc-message");
        // Bytes outside 0x20..0x7E and '%' are escaped; ':' and ' ' are not (java.net.URLEncoder would escape both).
        assertThat(raw).contains("%E4%BB%99%E5%A5%B3%E5%BA%A7:%CE%B1 100%25").doesNotContain("%3A").doesNotContain("%20");
        assertThat(raw).isEqualTo(specPercentEncoding(specPercentDecoding(raw)));
        assertThat(specPercentDecoding(raw)).contains(ID);
    }

    @Test
    void aSpecCompliantClientReadsTheExactMessage() throws Exception {
        try (RawGrpc grpc = new RawGrpc(server, Stories.token("grpc-message", Roles.STORY_READER))) {
            Status status = grpc.call(StoryServiceGrpc.getGetStoryMethod(), GetStoryRequest.newBuilder().setStoryId(ID).build().toByteArray())
                    .status();
            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).contains(ID).isEqualTo(specPercentDecoding(getStory(ID).get("grpc-message")));
        }
    }

    @Test
    void aLongMessageIsCutToFitAClientsHeaderLimit() throws Exception {
        String id = "星".repeat(100_000);
        MultiMap trailers = getStory(id);
        assertThat(trailers.get("grpc-status")).isEqualTo(String.valueOf(Status.Code.NOT_FOUND.value()));
        assertThat(trailers.get("grpc-message")).hasSizeLessThanOrEqualTo(4096).endsWith("%E2%80%A6");

        try (RawGrpc grpc = new RawGrpc(server, Stories.token("grpc-message", Roles.STORY_READER))) {
            Status status = grpc.call(StoryServiceGrpc.getGetStoryMethod(), GetStoryRequest.newBuilder().setStoryId(id).build().toByteArray())
                    .status();
            assertThat(status.getCode()).as("not INTERNAL for a header over the client's limit").isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).contains("星星星").endsWith("…");
        }
    }

    /** GetStory over HTTP/2 with prior knowledge; answers the trailers (or the headers of a trailers-only answer). */
    private MultiMap getStory(String id) throws Exception {
        byte[] message = GetStoryRequest.newBuilder().setStoryId(id).build().toByteArray();
        Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);
        String token = Stories.token("grpc-message", Roles.STORY_READER);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(server.getHost()).setPort(server.getPort())
                    .setURI("/" + StoryServiceGrpc.getGetStoryMethod().getFullMethodName()))
                    .compose(request -> request.putHeader("content-type", "application/grpc").putHeader("te", "trailers")
                            .putHeader("authorization", "Bearer " + token).send(frame))
                    .compose(response -> response.body().map(body -> response.headers().contains("grpc-status") ? response.headers()
                            : response.trailers()))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /** The gRPC spec's Percent-Encoded, written out here independently of the server's encoder. */
    private static String specPercentEncoding(String message) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b <= 0x7E && b != '%') {
                encoded.append((char) b);
            } else {
                encoded.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String specPercentDecoding(String encoded) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
