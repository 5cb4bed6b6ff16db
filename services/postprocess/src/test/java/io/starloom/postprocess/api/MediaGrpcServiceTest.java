package io.starloom.postprocess.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.RawGrpc;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.postprocess.media.FfmpegTool;
import io.starloom.postprocess.media.FilmAssembler;
import io.starloom.postprocess.media.TestClips;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.MediaService;
import io.starloom.proto.v1.MediaServiceGrpc;
import io.starloom.proto.v1.MediaStream;
import io.starloom.proto.v1.ProbeMediaRequest;
import io.starloom.proto.v1.ProbeMediaResponse;
import io.starloom.proto.v1.VideoFormat;

@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"), restrictToAnnotatedClass = false)
class MediaGrpcServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient
    MediaService media;
    @Inject
    MediaStore store;
    @Inject
    FfmpegTool tool;
    @Inject
    FilmAssembler assembler;

    private MediaService as(String... roles) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + DevStackTestResource.stack().mintToken("tester", "tenant-a", Set.of(roles)));
        return GrpcClientUtils.attachHeaders(media, headers);
    }

    private static ProbeMediaRequest request(String uri) {
        return ProbeMediaRequest.newBuilder().setUri(uri).build();
    }

    private static StatusRuntimeException failure(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    private String clipUri(int shotIndex) {
        return TestClips.store(store, MediaKey.clip("grpc", shotIndex, 1), tool, "testsrc2=size=320x180:rate=16", 2);
    }

    @Test
    void aReaderProbesAFilmWithItsSubtitleTrack() {
        String film = assembler.assemble(AssembleFilmCommand.newBuilder().setStoryId("grpc-film").setLanguage(Language.LANGUAGE_ZH)
                .setOutput(VideoFormat.newBuilder().setWidth(320).setHeight(180).setFps(24))
                .addClips(ClipRef.newBuilder().setUri(clipUri(0)).setNarration("织女星停下手中的织机。"))
                .build()).getVideoUri();

        ProbeMediaResponse probe = as(Roles.STORY_READER).probeMedia(request(film)).await().atMost(TIMEOUT);

        assertEquals("mp4", probe.getContainer());
        // 2 s of clip, held longer if the configured TTS (espeak-ng where installed) speaks longer.
        assertTrue(Durations.toNanos(probe.getDuration()) / 1e9 >= 2.0 - 0.05, probe.toString());
        assertEquals(List.of(
                MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_VIDEO).setCodec("h264").setWidth(320).setHeight(180)
                        .setFrameRate(24).setLanguage("und").build(),
                MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_AUDIO).setCodec("aac").setLanguage("und").build(),
                MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_SUBTITLE).setCodec("mov_text").setLanguage("chi").build()),
                // The MP4 keeps its chapters in a QuickTime text track, which ffprobe names bin_data.
                probe.getStreamsList().stream().filter(s -> s.getKind() != MediaStream.Kind.KIND_UNSPECIFIED).toList());
    }

    @Test
    void writersAndAdminsMayProbeToo() {
        String clip = clipUri(1);
        assertEquals(16.0, as(Roles.STORY_WRITER).probeMedia(request(clip)).await().atMost(TIMEOUT).getStreams(0).getFrameRate(), 1e-9);
        assertEquals("mp4", as(Roles.ADMIN).probeMedia(request(clip)).await().atMost(TIMEOUT).getContainer());
    }

    @Test
    void withoutATokenTheCallIsUnauthenticated() {
        StatusRuntimeException e = failure(() -> media.probeMedia(request("file:///tmp/x.mp4")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aForgedTokenIsUnauthenticated() {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        StatusRuntimeException e = failure(() -> GrpcClientUtils.attachHeaders(media, headers)
                .probeMedia(request("file:///tmp/x.mp4")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aRoleWithoutStoryAccessIsDenied() {
        StatusRuntimeException e = failure(() -> as(Roles.REVIEWER).probeMedia(request("file:///tmp/x.mp4")).await().atMost(TIMEOUT));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void aUriOutsideTheMediaStoreIsAnInvalidArgumentNamingTheField() {
        assertEquals(List.of("uri:OUTSIDE_MEDIA_ROOT"), violations(failure(
                () -> as(Roles.STORY_READER).probeMedia(request("file:///etc/hostname")).await().atMost(TIMEOUT))));
        assertEquals(List.of("uri:OUTSIDE_MEDIA_ROOT"), violations(failure(() -> as(Roles.STORY_READER)
                .probeMedia(request(store.uriOf(new MediaKey("stories")) + "/../../../etc/hostname")).await().atMost(TIMEOUT))));
        assertEquals(List.of("uri:FOREIGN_URI"), violations(failure(
                () -> as(Roles.STORY_READER).probeMedia(request("https://example.com/film.mp4")).await().atMost(TIMEOUT))));
        assertEquals(List.of("uri:INVALID_URI"), violations(failure(
                () -> as(Roles.STORY_READER).probeMedia(request("")).await().atMost(TIMEOUT))));
    }

    @Test
    void aFileThatIsNotMediaIsAnInvalidArgument() throws Exception {
        String text;
        try (WorkDirectory work = store.newWorkDirectory()) {
            text = store.put(new MediaKey("stories/grpc/notes.mp4"), Files.writeString(work.path().resolve("notes.mp4"), "not a film"));
        }
        assertEquals(List.of("uri:UNREADABLE_MEDIA"), violations(failure(
                () -> as(Roles.STORY_READER).probeMedia(request(text)).await().atMost(TIMEOUT))));
    }

    @Test
    void aMissingFileIsNotFound() {
        String missing = store.uriOf(MediaKey.film("none", "film.mp4"));
        StatusRuntimeException e = failure(() -> as(Roles.STORY_READER).probeMedia(request(missing)).await().atMost(TIMEOUT));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void readinessChecksTheBrokerAndFfmpegAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("ffmpeg"))
                .body("checks.name", hasItem(containsString("Messaging")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    private static List<String> violations(StatusRuntimeException e) {
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        try {
            return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                    .map(v -> v.getField() + ":" + v.getReason())
                    .toList();
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    @TestHTTPResource("/")
    URL server;

    @Test
    void aBodyThatIsNoRequestMessageIsInvalidArgumentNamingTheType() throws Exception {
        try (RawGrpc grpc = new RawGrpc(server, DevStackTestResource.stack().mintToken("raw", "tenant-a", Set.of(Roles.STORY_READER)))) {
            Status status = grpc.call(MediaServiceGrpc.getProbeMediaMethod(), new byte[] { (byte) 0xFF, 0x01 }).status();
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), String.valueOf(status));
            assertTrue(status.getDescription().contains("starloom.v1.ProbeMediaRequest"), status.getDescription());
        }
    }
}
