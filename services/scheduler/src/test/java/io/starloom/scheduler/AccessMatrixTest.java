package io.starloom.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.CancelStoryRequest;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;

/**
 * Each role x each operation x a story of the caller's own tenant and one of another tenant, over REST and
 * gRPC, against the documented matrix (docs/security.md): writers write and read their tenant, readers read
 * it, reviewers have no story operation yet, admins read every tenant and write none, a token without a role
 * nothing. Another tenant's story is 404 / NOT_FOUND for everyone but an admin.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class AccessMatrixTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String OWN = "matrix-own";
    private static final String OTHER = "matrix-other";
    private static final List<String> ROLES = List.of("none", Roles.STORY_READER, Roles.STORY_WRITER, Roles.REVIEWER, Roles.ADMIN);
    private static String ownStory;
    private static String otherStory;

    @GrpcClient("stories")
    StoryService stories;

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @BeforeEach
    void completedStoriesInTwoTenants() throws Exception {
        if (ownStory == null) {
            ownStory = completedStory(OWN);
            otherStory = completedStory(OTHER);
        }
    }

    /** What a role may do: the expected HTTP status for a read of its own tenant's story, and so on. */
    private static int expected(String role, String operation, boolean ownTenant) {
        boolean reads = role.equals(Roles.STORY_READER) || role.equals(Roles.STORY_WRITER) || role.equals(Roles.ADMIN);
        boolean writes = role.equals(Roles.STORY_WRITER);
        return switch (operation) {
            case "submit" -> writes ? 202 : 403;
            case "list" -> reads ? 200 : 403;
            case "cancel" -> !writes ? 403 : ownTenant ? 200 : 404;
            default -> !reads ? 403 : ownTenant || role.equals(Roles.ADMIN) ? 200 : 404;
        };
    }

    @Test
    void restFollowsTheMatrix() {
        Map<String, BiFunction<RequestSpecification, String, Integer>> operations = new LinkedHashMap<>();
        operations.put("get", (request, id) -> request.get("/v1/stories/" + id).statusCode());
        operations.put("storyboard", (request, id) -> request.get("/v1/stories/" + id + "/storyboard").statusCode());
        operations.put("film", (request, id) -> request.get("/v1/stories/" + id + "/film").statusCode());
        operations.put("vtt", (request, id) -> request.get("/v1/stories/" + id + "/subtitles.vtt").statusCode());
        operations.put("srt", (request, id) -> request.get("/v1/stories/" + id + "/subtitles.srt").statusCode());
        operations.put("events", (request, id) -> request.accept("text/event-stream").get("/v1/stories/" + id + "/events").statusCode());
        operations.put("cancel", (request, id) -> request.post("/v1/stories/" + id + ":cancel").statusCode());
        List<String> mismatches = new ArrayList<>();
        for (String role : ROLES) {
            String token = token(role);
            operations.forEach((operation, call) -> {
                for (boolean own : new boolean[] { true, false }) {
                    int status = call.apply(given().auth().oauth2(token), own ? ownStory : otherStory);
                    check(mismatches, "REST " + role + " " + operation + (own ? " own" : " other"), expected(role, operation, own), status);
                }
            });
            int listed = given().auth().oauth2(token).get("/v1/stories").statusCode();
            check(mismatches, "REST " + role + " list", expected(role, "list", true), listed);
            int submitted = given().auth().oauth2(token).contentType("application/json").body("{\"text\":\"Orion\"}").post("/v1/stories").statusCode();
            check(mismatches, "REST " + role + " submit", expected(role, "submit", true), submitted);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void grpcFollowsTheMatrix() {
        Map<String, BiFunction<StoryService, String, Object>> operations = new LinkedHashMap<>();
        operations.put("get", (api, id) -> api.getStory(GetStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(WAIT));
        operations.put("events", (api, id) -> api.watchStory(WatchStoryRequest.newBuilder().setStoryId(id).build())
                .select().first().collect().asList().await().atMost(WAIT));
        operations.put("film", (api, id) -> api.downloadFilm(DownloadFilmRequest.newBuilder().setStoryId(id).build())
                .collect().asList().await().atMost(WAIT));
        operations.put("cancel", (api, id) -> api.cancelStory(CancelStoryRequest.newBuilder().setStoryId(id).build()).await().atMost(WAIT));
        List<String> mismatches = new ArrayList<>();
        for (String role : ROLES) {
            StoryService api = withToken(token(role));
            operations.forEach((operation, call) -> {
                for (boolean own : new boolean[] { true, false }) {
                    check(mismatches, "gRPC " + role + " " + operation + (own ? " own" : " other"),
                            grpc(expected(role, operation, own)), code(() -> call.apply(api, own ? ownStory : otherStory)));
                }
            });
            check(mismatches, "gRPC " + role + " list", grpc(expected(role, "list", true)),
                    code(() -> api.listStories(ListStoriesRequest.getDefaultInstance()).await().atMost(WAIT)));
            check(mismatches, "gRPC " + role + " submit", grpc(expected(role, "submit", true)),
                    code(() -> api.submitStory(SubmitStoryRequest.newBuilder().setText("Orion").build()).await().atMost(WAIT)));
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void listsShowTheOwnTenantOnlyExceptToAnAdmin() {
        List<String> readerSees = withToken(token(Roles.STORY_READER)).listStories(ListStoriesRequest.newBuilder().setPageSize(100).build())
                .await().atMost(WAIT).getStoriesList().stream().map(Story::getId).toList();
        assertThat(readerSees).contains(ownStory).doesNotContain(otherStory);
        List<String> restSees = given().auth().oauth2(token(Roles.STORY_WRITER)).get("/v1/stories?pageSize=100").jsonPath().getList("stories.id");
        assertThat(restSees).contains(ownStory).doesNotContain(otherStory);
        List<String> adminSees = given().auth().oauth2(token(Roles.ADMIN)).get("/v1/stories?pageSize=100").jsonPath().getList("stories.id");
        assertThat(adminSees).contains(ownStory, otherStory);
    }

    private static void check(List<String> mismatches, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    private static Status.Code grpc(int http) {
        return switch (http) {
            case 200, 202 -> Status.Code.OK;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            default -> Status.Code.UNKNOWN;
        };
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static Status.Code code(java.util.function.Supplier<Object> call) {
        return code((Runnable) call::get);
    }

    private static String token(String role) {
        return role.equals("none") ? DevStackTestResource.stack().mintToken("tester", OWN, List.of())
                : Stories.token(OWN, role);
    }

    private StoryService withToken(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return GrpcClientUtils.attachHeaders(stories, headers);
    }

    private String completedStory(String tenant) throws Exception {
        String writer = Stories.token(tenant, Roles.STORY_WRITER, Roles.STORY_READER);
        String id = Stories.submit(writer, "Andromeda waits for " + tenant + ".");
        Path dir = Files.createDirectories(mediaRoot.resolve("stories").resolve(id).resolve("film"));
        Path mp4 = Files.write(dir.resolve("film.mp4"), new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p' });
        Path vtt = Files.writeString(dir.resolve("film.vtt"), "WEBVTT\n\n00:00.000 --> 00:05.000\n仙女座\n");
        Path srt = Files.writeString(dir.resolve("film.srt"), "1\n00:00:00,000 --> 00:00:05,000\n仙女座\n");
        Stories.complete(writer, id, Film.newBuilder().setVideoUri(mp4.toUri().toString()).setVttUri(vtt.toUri().toString())
                .setSrtUri(srt.toUri().toString()).build());
        return id;
    }
}
