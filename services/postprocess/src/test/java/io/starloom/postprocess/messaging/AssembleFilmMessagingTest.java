package io.starloom.postprocess.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.postprocess.media.FfmpegTool;
import io.starloom.postprocess.media.TestClips;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.VideoFormat;

/** The AMQP side against the real broker: commands in on the postprocess queue, events out on the scheduler's. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"), restrictToAnnotatedClass = false)
class AssembleFilmMessagingTest {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final VideoFormat SMALL = VideoFormat.newBuilder().setWidth(320).setHeight(180).setFps(24).build();

    @Inject
    MediaStore store;
    @Inject
    FfmpegTool tool;

    private static StoryEvent awaitEvent(String storyId) {
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        await().atMost(WITHIN).until(() -> !events.eventsFor(storyId).isEmpty());
        return events.eventsFor(storyId).get(0);
    }

    private static void send(AssembleFilmCommand command) {
        DevStackTestResource.stack().meshSend(Queues.POSTPROCESS_REQUESTS, command.getStoryId(), command);
    }

    private ClipRef clip(String storyId, int index, String source, String narration) {
        String uri = TestClips.store(store, MediaKey.clip(storyId, index, 1), tool, source + "=size=320x180:rate=16", 2);
        return ClipRef.newBuilder().setShotIndex(index).setUri(uri).setNarration(narration).build();
    }

    @Test
    void clipsBecomeAFilmAssembledEvent() throws Exception {
        String storyId = UUID.randomUUID().toString();
        send(AssembleFilmCommand.newBuilder().setStoryId(storyId).setOutput(SMALL).setLanguage(Language.LANGUAGE_ZH).setTitle("仙女座")
                .addClips(clip(storyId, 0, "testsrc2", "安德洛墨达被锁在海边岩石上。"))
                .addClips(clip(storyId, 1, "smptebars", "夜空中银河横贯。"))
                .build());

        StoryEvent event = awaitEvent(storyId);
        assertEquals(StoryEvent.PayloadCase.FILM_ASSEMBLED, event.getPayloadCase(), event.toString());
        assertTrue(event.getOccurTime().getSeconds() > 0);
        assertTrue(event.getFilmAssembled().getAssembleDuration().getNanos() + event.getFilmAssembled().getAssembleDuration().getSeconds() > 0);
        Film film = event.getFilmAssembled().getFilm();
        assertEquals(store.uriOf(MediaKey.film(storyId, "film.mp4")), film.getVideoUri());
        Path video = store.localFile(film.getVideoUri());
        assertEquals(sha256(video), film.getSha256());
        assertEquals(SMALL, film.getFormat());
        // Two 2 s clips crossfaded: 3.5 s, or longer where the configured TTS speaks longer than a clip lasts
        // (espeak-ng where installed; without it the configured fallback leaves the shots silent).
        assertTrue(Durations.toNanos(film.getDuration()) / 1e9 >= 3.5 - 0.05, film.toString());
        String vtt = Files.readString(store.localFile(film.getVttUri()), StandardCharsets.UTF_8);
        assertTrue(vtt.startsWith("WEBVTT\n"), vtt);
        assertTrue(vtt.indexOf("安德洛墨达被锁在海边岩石上。") > 0 && vtt.indexOf("夜空中银河横贯。") > vtt.indexOf("安德洛墨达被锁在海边岩石上。"), vtt);
        assertTrue(store.exists(film.getPosterUri()) && store.exists(film.getManifestUri()), film.toString());
        String srt = Files.readString(store.localFile(film.getSrtUri()), StandardCharsets.UTF_8);
        assertTrue(srt.startsWith("1\n00:00:00,") && srt.contains("\n安德洛墨达被锁在海边岩石上。\n"), srt);
    }

    @Test
    void aMissingClipBecomesAStageFailure() {
        String storyId = UUID.randomUUID().toString();
        String missing = store.uriOf(MediaKey.clip(storyId, 0, 1));
        send(AssembleFilmCommand.newBuilder().setStoryId(storyId).setOutput(SMALL)
                .addClips(ClipRef.newBuilder().setShotIndex(0).setUri(missing).setNarration("Vega.")).build());

        StoryEvent event = awaitEvent(storyId);
        assertEquals(StoryEvent.PayloadCase.STAGE_FAILED, event.getPayloadCase(), event.toString());
        assertEquals("postprocess", event.getStageFailed().getStage());
        assertEquals("CLIP_NOT_FOUND", event.getStageFailed().getFailure().getReason());
        assertTrue(event.getStageFailed().getFailure().getMessage().contains("shot 0"), event.getStageFailed().getFailure().getMessage());
    }

    @Test
    void aClipOutsideTheMediaStoreAndAnEmptyClipListBecomeStageFailures() {
        String outside = UUID.randomUUID().toString();
        send(AssembleFilmCommand.newBuilder().setStoryId(outside)
                .addClips(ClipRef.newBuilder().setUri("file:///etc/hostname").setNarration("Vega.")).build());
        String empty = UUID.randomUUID().toString();
        send(AssembleFilmCommand.newBuilder().setStoryId(empty).build());

        assertEquals(List.of("postprocess", "OUTSIDE_MEDIA_ROOT"), stageFailure(awaitEvent(outside)));
        assertEquals(List.of("postprocess", "NO_CLIPS"), stageFailure(awaitEvent(empty)));
    }

    @Test
    void aMalformedBodyEndsInTheDeadLetterQueue() {
        byte[] poison = ("not a protobuf " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(Queues.POSTPROCESS_REQUESTS, poison, Map.of());

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, poison)));
    }

    @Test
    void aCommandWithoutStoryIdEndsInTheDeadLetterQueue() {
        AssembleFilmCommand command = AssembleFilmCommand.newBuilder().setTitle("织女 " + UUID.randomUUID()).build();
        byte[] anonymous = command.toByteArray();
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().meshSend(Queues.POSTPROCESS_REQUESTS, "", command);

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, anonymous)));
    }

    @Test
    void aCommandUnderAnotherTypeEndsInTheDeadLetterQueueUnassembled() {
        String storyId = UUID.randomUUID().toString();
        AssembleFilmCommand message = AssembleFilmCommand.newBuilder().setStoryId(storyId).setOutput(SMALL)
                .addClips(clip(storyId, 0, "testsrc2", "Vega.")).build();
        byte[] command = message.toByteArray();
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        DevStackTestResource.stack().meshSendAs(Queues.POSTPROCESS_REQUESTS, storyId, GenerateShotCommand.getDescriptor().getFullName(), message);

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, command)));
        assertEquals(List.of(), events.eventsFor(storyId));
        assertFalse(store.exists(store.uriOf(MediaKey.film(storyId, "film.mp4"))), "no film was made");
    }

    private static List<String> stageFailure(StoryEvent event) {
        assertEquals(StoryEvent.PayloadCase.STAGE_FAILED, event.getPayloadCase(), event.toString());
        return List.of(event.getStageFailed().getStage(), event.getStageFailed().getFailure().getReason());
    }

    private static String sha256(Path file) throws IOException, java.security.NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
