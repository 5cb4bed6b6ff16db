package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

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
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class StoryGrpcServiceTest {
    @GrpcClient("stories")
    StoryService stories;

    private StoryService as(String tenant, String... roles) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + DevStackTestResource.stack().mintToken("grpc-tester", tenant, Set.of(roles)));
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    @Test
    void submitGetListWatchAndCancel() {
        StoryService writer = as("grpc", Roles.STORY_WRITER);
        String id = writer.submitStory(SubmitStoryRequest.newBuilder().setText("织女星停下手中的织机。").setRequestId("req-1").build())
                .await().atMost(Duration.ofSeconds(10)).getStory().getId();
        String again = writer.submitStory(SubmitStoryRequest.newBuilder().setText("织女星停下手中的织机。").setRequestId("req-1").build())
                .await().atMost(Duration.ofSeconds(10)).getStory().getId();
        assertThat(again).as("same request id, same story").isEqualTo(id);
        assertThat(writer.getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(Duration.ofSeconds(10))
                .getStory().getState()).isEqualTo(StoryState.STORY_STATE_ENRICHING);
        assertThat(writer.listStories(ListStoriesRequest.newBuilder().setPageSize(10).build()).await().atMost(Duration.ofSeconds(10))
                .getStoriesList()).extracting(s -> s.getId()).contains(id);

        var watched = writer.watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build())
                .map(r -> r.getStory().getState()).collect().asList();
        writer.cancelStory(CancelStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(Duration.ofSeconds(10));
        assertThat(watched.await().atMost(Duration.ofSeconds(15))).endsWith(StoryState.STORY_STATE_CANCELED);
    }

    @Test
    void blankTextIsInvalidArgumentWithTheField() throws Exception {
        StatusRuntimeException error = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() -> as("grpc", Roles.STORY_WRITER)
                .submitStory(SubmitStoryRequest.newBuilder().setText(" ").build()).await().atMost(Duration.ofSeconds(10)));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        BadRequest details = StatusProto.fromThrowable(error).getDetailsList().get(0).unpack(BadRequest.class);
        assertThat(details.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField).containsExactly("text");
    }

    @Test
    void missingTokenIsUnauthenticatedAndOtherTenantsSeeNothing() {
        Throwable noToken = org.assertj.core.api.Assertions.catchThrowable(() -> stories.getStory(GetStoryRequest.newBuilder().setStoryId("x").build())
                .await().atMost(Duration.ofSeconds(10)));
        assertThat(((StatusRuntimeException) noToken).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        String id = as("grpc", Roles.STORY_WRITER).submitStory(SubmitStoryRequest.newBuilder().setText("Orion").build())
                .await().atMost(Duration.ofSeconds(10)).getStory().getId();
        Throwable otherTenant = org.assertj.core.api.Assertions.catchThrowable(() -> as("elsewhere", Roles.STORY_READER)
                .getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(Duration.ofSeconds(10)));
        assertThat(((StatusRuntimeException) otherTenant).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        Throwable reader = org.assertj.core.api.Assertions.catchThrowable(() -> as("grpc", Roles.STORY_READER)
                .submitStory(SubmitStoryRequest.newBuilder().setText("Orion").build()).await().atMost(Duration.ofSeconds(10)));
        assertThat(((StatusRuntimeException) reader).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
