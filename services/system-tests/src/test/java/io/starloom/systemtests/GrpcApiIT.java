package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.DownloadFilmResponse;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;
import io.starloom.proto.v1.WatchStoryResponse;

/** A partner platform's view: the public StoryService over real gRPC with a bearer token. */
class GrpcApiIT {
    private static ManagedChannel channel;
    private static StoryServiceGrpc.StoryServiceBlockingStub stories;
    private static StoryApi rest;

    @BeforeAll
    static void connect() {
        Mesh mesh = Mesh.get();
        rest = new StoryApi(mesh, "partner");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", mesh.port("scheduler")).usePlaintext().build();
        stories = StoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(rest.token())));
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void submitWatchAndDownloadOverGrpc() throws Exception {
        String id = stories.submitStory(SubmitStoryRequest.newBuilder()
                .setText(SampleStories.read("qixi.zh.txt")).setLanguage(Language.LANGUAGE_ZH).build()).getStory().getId();

        List<StoryState> seen = new ArrayList<>();
        Iterator<WatchStoryResponse> watch = stories.withDeadlineAfter(6, TimeUnit.MINUTES)
                .watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build());
        watch.forEachRemaining(update -> {
            StoryState state = update.getStory().getState();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != state) {
                seen.add(state);
            }
        });
        assertThat(seen).as("the stream ends at the final state").last().isEqualTo(StoryState.STORY_STATE_COMPLETED);
        assertThat(seen).as("states move forward only").isSorted();

        ByteArrayOutputStream film = new ByteArrayOutputStream();
        stories.downloadFilm(DownloadFilmRequest.newBuilder().setStoryId(id).build())
                .forEachRemaining((DownloadFilmResponse chunk) -> film.writeBytes(chunk.getChunk().toByteArray()));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(film.toByteArray()));
        assertThat(sha256).as("the bytes the story's checksum promises")
                .isEqualTo(stories.getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).getStory().getFilm().getSha256());

        Path viaRest = rest.download(id, "film", Files.createTempDirectory("grpc-film").resolve("film.mp4"));
        assertThat(Files.readAllBytes(viaRest)).as("REST and gRPC serve the same film").isEqualTo(film.toByteArray());
    }

    @Test
    void blankTextIsInvalidArgumentNamingTheField() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> stories.submitStory(SubmitStoryRequest.newBuilder().setText("   \n ").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
        com.google.rpc.Status details = StatusProto.fromThrowable(error);
        assertThat(details).isNotNull();
        BadRequest badRequest = details.getDetailsList().stream().filter(a -> a.is(BadRequest.class))
                .map(a -> unpack(a)).findFirst().orElseThrow();
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField).contains("text");
    }

    @Test
    void callWithoutTokenIsUnauthenticated() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> StoryServiceGrpc.newBlockingStub(channel).getStory(GetStoryRequest.newBuilder().setStoryId("x").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
    }

    private static BadRequest unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Metadata bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return metadata;
    }
}
