package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.CancelStoryRequest;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.DownloadFilmResponse;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @GrpcClient("stories")
    StoryService stories;

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    private StoryService withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    private StoryService as(String tenant, String... roles) {
        return withToken(Stories.token(tenant, roles));
    }

    @Test
    void submitGetListWatchAndCancel() {
        StoryService writer = as("grpc", Roles.STORY_WRITER);
        String id = writer.submitStory(SubmitStoryRequest.newBuilder().setText("织女星停下手中的织机。").setRequestId("req-1").build())
                .await().atMost(WAIT).getStory().getId();
        String again = writer.submitStory(SubmitStoryRequest.newBuilder().setText("织女星停下手中的织机。").setRequestId("req-1").build())
                .await().atMost(WAIT).getStory().getId();
        assertThat(again).as("same request id, same story").isEqualTo(id);
        assertThat(writer.getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(WAIT)
                .getStory().getState()).isEqualTo(StoryState.STORY_STATE_ENRICHING);
        assertThat(writer.listStories(ListStoriesRequest.newBuilder().setPageSize(10).build()).await().atMost(WAIT)
                .getStoriesList()).extracting(s -> s.getId()).contains(id);

        var watched = writer.watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build())
                .map(r -> r.getStory().getState()).collect().asList();
        writer.cancelStory(CancelStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(WAIT);
        assertThat(watched.await().atMost(Duration.ofSeconds(15))).endsWith(StoryState.STORY_STATE_CANCELED);
    }

    @Test
    void invalidSubmissionsCarryTheFieldsAtFault() {
        StoryService writer = as("grpc", Roles.STORY_WRITER);
        StatusRuntimeException blank = failure(() -> writer.submitStory(SubmitStoryRequest.newBuilder().setText(" ").build()).await().atMost(WAIT));
        assertThat(blank.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(blank)).containsExactly("text");

        StatusRuntimeException unknownEnums = failure(() -> writer.submitStory(SubmitStoryRequest.newBuilder().setText("Orion")
                .setLanguageValue(42).setStyleValue(9).build()).await().atMost(WAIT));
        assertThat(unknownEnums.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(unknownEnums)).containsExactly("language", "style");

        StatusRuntimeException tooLong = failure(() -> writer.submitStory(SubmitStoryRequest.newBuilder().setText("x".repeat(4001))
                .setRequestId("r".repeat(200)).build()).await().atMost(WAIT));
        assertThat(violatedFields(tooLong)).containsExactly("text", "request_id");

        StatusRuntimeException tooMuchNarration = failure(() -> writer.submitStory(SubmitStoryRequest.newBuilder()
                .setText("星".repeat(529)).build()).await().atMost(WAIT));
        assertThat(tooMuchNarration.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(tooMuchNarration)).containsExactly("text");
        assertThat(tooMuchNarration.getStatus().getDescription()).contains("at most 24 shots");

        StatusRuntimeException notOffered = failure(() -> writer.submitStory(SubmitStoryRequest.newBuilder().setText("Orion")
                .setResolution(Resolution.RESOLUTION_1080P).build()).await().atMost(WAIT));
        assertThat(notOffered.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(violatedFields(notOffered)).containsExactly("resolution");
    }

    @Test
    void callersNeedAValidTokenTheRightRoleAndATenant() throws Exception {
        GetStoryRequest anyStory = GetStoryRequest.newBuilder().setStoryId("x").build();
        assertThat(failure(() -> stories.getStory(anyStory).await().atMost(WAIT)).getStatus().getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(failure(() -> withToken("forged.token.value").getStory(anyStory).await().atMost(WAIT)).getStatus().getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(failure(() -> stories.watchStory(WatchStoryRequest.newBuilder().setStoryId("x").build()).collect().asList()
                .await().atMost(WAIT)).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        String noTenant = Stories.tokenWithoutTenant(Roles.STORY_READER);
        assertThat(failure(() -> withToken(noTenant).getStory(anyStory).await().atMost(WAIT)).getStatus().getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);

        String id = as("grpc", Roles.STORY_WRITER).submitStory(SubmitStoryRequest.newBuilder().setText("Orion").build())
                .await().atMost(WAIT).getStory().getId();
        StatusRuntimeException otherTenant = failure(() -> as("elsewhere", Roles.STORY_READER)
                .getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(WAIT));
        assertThat(otherTenant.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        StatusRuntimeException reader = failure(() -> as("grpc", Roles.STORY_READER)
                .submitStory(SubmitStoryRequest.newBuilder().setText("Orion").build()).await().atMost(WAIT));
        assertThat(reader.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void downloadFilmStreamsTheFinishedFilmInChunks() throws Exception {
        String token = Stories.token("grpc-films", Roles.STORY_WRITER);
        StoryService writer = withToken(token);
        String id = writer.submitStory(SubmitStoryRequest.newBuilder().setText("Pegasus leaps.").build()).await().atMost(WAIT)
                .getStory().getId();
        DownloadFilmRequest download = DownloadFilmRequest.newBuilder().setStoryId(id).build();
        assertThat(failure(() -> writer.downloadFilm(download).collect().asList().await().atMost(WAIT)).getStatus().getCode())
                .isEqualTo(Status.Code.FAILED_PRECONDITION);

        Path dir = Files.createDirectories(mediaRoot.resolve("stories").resolve(id).resolve("film"));
        byte[] video = new byte[150_000];
        new Random(11).nextBytes(video);
        Path mp4 = Files.write(dir.resolve("film.mp4"), video);
        Stories.complete(token, id, Film.newBuilder().setVideoUri(mp4.toUri().toString()).build());

        List<DownloadFilmResponse> chunks = writer.downloadFilm(download).collect().asList().await().atMost(WAIT);
        assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk.getChunk().size()).isLessThanOrEqualTo(64 * 1024));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (DownloadFilmResponse chunk : chunks) {
            chunk.getChunk().writeTo(joined);
        }
        assertThat(joined.toByteArray()).isEqualTo(video);
        assertThat(failure(() -> as("grpc-strangers", Roles.STORY_READER).downloadFilm(download).collect().asList().await().atMost(WAIT))
                .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private static StatusRuntimeException failure(Supplier<?> call) {
        Throwable thrown = catchThrowable(call::get);
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) thrown;
    }

    private static List<String> violatedFields(StatusRuntimeException error) {
        try {
            return StatusProto.fromThrowable(error).getDetailsList().get(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(BadRequest.FieldViolation::getField).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
