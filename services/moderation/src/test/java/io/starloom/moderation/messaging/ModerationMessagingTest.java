package io.starloom.moderation.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.mesh.v1.EnrichStoryCommand;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;

/** The AMQP side against the real broker: commands in on the request queue, verdicts out on the scheduler's queue. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class ModerationMessagingTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static StoryEvent moderate(ModerateTextCommand command) {
        DevStackTestResource.stack().meshSend(Queues.MODERATION_REQUESTS, command.getStoryId(), command);
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        await().atMost(WITHIN).until(() -> !events.eventsFor(command.getStoryId()).isEmpty());
        return events.eventsFor(command.getStoryId()).get(0);
    }

    @Test
    void aMythIsAllowed() {
        String storyId = UUID.randomUUID().toString();
        StoryEvent event = moderate(ModerateTextCommand.newBuilder().setStoryId(storyId)
                .addTexts("安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。突然，海怪利维坦破浪而出，天空电闪雷鸣。")
                .addTexts("电影级写实星空。画面：突然，海怪利维坦破浪而出，天空电闪雷鸣。")
                .addTexts("the sting finds its mark; the hunter falls")
                .build());
        assertEquals(StoryEvent.PayloadCase.TEXT_MODERATED, event.getPayloadCase(), event.toString());
        assertEquals(Verdict.VERDICT_ALLOW, event.getTextModerated().getVerdict());
        assertEquals(0, event.getTextModerated().getFindingsCount());
        assertTrue(event.getOccurTime().getSeconds() > 0);
    }

    @Test
    void aFindingInAnyTextBlocksWithSpansIntoThatText() {
        String storyId = UUID.randomUUID().toString();
        StoryEvent event = moderate(ModerateTextCommand.newBuilder().setStoryId(storyId)
                .addTexts("七夕之夜，银河如练。")
                .addTexts("画面：星空下的 p o r n 场景")
                .addLabels("story").addLabels("shot 1 prompt")
                .setLanguage(io.starloom.proto.v1.Language.LANGUAGE_ZH)
                .build());
        TextModerated moderated = event.getTextModerated();
        assertEquals(Verdict.VERDICT_BLOCK, moderated.getVerdict());
        Finding finding = moderated.getFindings(0);
        assertEquals(List.of(Category.CATEGORY_SEXUAL), moderated.getFindingsList().stream().map(Finding::getCategory).toList());
        assertEquals("porn", finding.getTerm());
        assertEquals(8, finding.getStart());
        assertEquals(15, finding.getEnd());
        assertEquals(1, finding.getEvidence().getText().getTextIndex());
        assertEquals("shot 1 prompt", finding.getEvidence().getText().getLabel());
        assertTrue(finding.getReason().startsWith("色情内容"), finding.getReason());
    }

    @Test
    void aReviewCaseIsReviewAndTheTenantsPolicyApplies() {
        ModerateTextCommand.Builder command = ModerateTextCommand.newBuilder().addTexts("Aphrodite rises naked from the sea foam.")
                .addLabels("story");
        StoryEvent review = moderate(command.setStoryId(UUID.randomUUID().toString()).setTenant("tenant-a").build());
        assertEquals(Verdict.VERDICT_REVIEW, review.getTextModerated().getVerdict());
        assertEquals(Category.CATEGORY_NUDITY, review.getTextModerated().getFindings(0).getCategory());
        // application.properties' %test profile gives the tenant "museum" a policy that allows nudity.
        StoryEvent museum = moderate(command.setStoryId(UUID.randomUUID().toString()).setTenant("museum").build());
        assertEquals(Verdict.VERDICT_ALLOW, museum.getTextModerated().getVerdict());
    }

    @Test
    void aCommandWithoutTextsIsAStageFailureNotAnAllow() {
        String storyId = UUID.randomUUID().toString();
        StoryEvent event = moderate(ModerateTextCommand.newBuilder().setStoryId(storyId).build());
        assertEquals(StoryEvent.PayloadCase.STAGE_FAILED, event.getPayloadCase(), event.toString());
        assertEquals("moderation", event.getStageFailed().getStage());
        assertEquals("NO_TEXT", event.getStageFailed().getFailure().getReason());
    }

    @Test
    void aMalformedBodyEndsInTheDeadLetterQueue() {
        byte[] poison = ("not a protobuf " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(Queues.MODERATION_REQUESTS, poison, Map.of());

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, poison)));
    }

    @Test
    void aCommandUnderAnotherTypeEndsInTheDeadLetterQueueUnjudged() {
        String storyId = UUID.randomUUID().toString();
        ModerateTextCommand message = ModerateTextCommand.newBuilder().setStoryId(storyId).addTexts("七夕之夜，银河如练。").build();
        byte[] command = message.toByteArray();
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        QueueProbe events = QueueProbe.on(Queues.SCHEDULER_EVENTS);
        DevStackTestResource.stack().meshSendAs(Queues.MODERATION_REQUESTS, storyId, EnrichStoryCommand.getDescriptor().getFullName(), message);

        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, command)));
        assertEquals(List.of(), events.eventsFor(storyId));
    }
}
