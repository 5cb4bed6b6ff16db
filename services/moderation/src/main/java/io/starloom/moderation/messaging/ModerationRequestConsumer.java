package io.starloom.moderation.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Queues;
import io.starloom.mesh.support.messaging.SchedulerEvents;
import io.starloom.mesh.support.messaging.StageConsumer;
import io.starloom.mesh.support.messaging.StageFailureException;
import io.starloom.mesh.v1.ModerateTextCommand;
import io.starloom.mesh.v1.StoryEvent;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.contracts.ProtoNames;
import io.starloom.moderation.client.GuardModel;
import io.starloom.moderation.domain.Judgement;
import io.starloom.moderation.domain.ScreenedText;
import io.starloom.moderation.domain.TextModerator;

/**
 * Judges every text of a story (its text, prompts and narration lines) under its tenant's policy: the
 * verdict is the most severe action of any finding. Findings come text by text in command order, each span
 * a code-point offset into the text it was found in, which its evidence names. A command without texts is
 * a stage failure: nothing judged is never "allowed". Screening is fast and pure (well under a millisecond
 * per story), so it stays on the event loop.
 */
@ApplicationScoped
public class ModerationRequestConsumer {
    static final String STAGE = "moderation";
    static final String NO_TEXT = "NO_TEXT";
    private static final Logger LOG = Logger.getLogger(ModerationRequestConsumer.class);

    private final TextModerator moderator;
    private final GuardModel guard;
    private final StageConsumer<ModerateTextCommand> stage;

    public ModerationRequestConsumer(TextModerator moderator, GuardModel guard, SchedulerEvents events) {
        this.moderator = moderator;
        this.guard = guard;
        this.stage = new StageConsumer<>(STAGE, ModerateTextCommand.getDefaultInstance(), events);
    }

    @Incoming(Queues.MODERATION_REQUESTS)
    public Uni<Void> moderate(Message<byte[]> message) {
        return stage.handleAsync(message, this::moderated);
    }

    private Uni<StoryEvent.Builder> moderated(ModerateTextCommand command) {
        if (command.getTextsCount() == 0) {
            throw new StageFailureException(NO_TEXT, "the command carries no text to judge");
        }
        List<ScreenedText> texts = new ArrayList<>();
        for (int i = 0; i < command.getTextsCount(); i++) {
            texts.add(new ScreenedText(command.getTexts(i), i < command.getLabelsCount() ? command.getLabels(i) : ""));
        }
        return guard.review(moderator.judge(texts, command.getTenant(), command.getLanguage()), texts, command.getLanguage())
                .map(judgement -> event(command, judgement));
    }

    private static StoryEvent.Builder event(ModerateTextCommand command, Judgement judgement) {
        if (!judgement.findings().isEmpty()) {
            // Categories and rules only: the matched text stays out of the logs.
            LOG.infof("story %s: %s, %d finding(s) %s", command.getStoryId(), ProtoNames.shortName(judgement.verdict()),
                    judgement.findings().size(), judgement.findings().stream()
                            .map(f -> ProtoNames.shortName(f.getCategory()) + "/" + f.getRule()).distinct().toList());
        }
        return StoryEvent.newBuilder().setTextModerated(TextModerated.newBuilder()
                .setVerdict(judgement.verdict())
                .addAllFindings(judgement.findings()));
    }
}
