package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.util.Durations;

import io.starloom.enrichment.knowledge.Knowledge;
import io.starloom.enrichment.knowledge.KnowledgeBase;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.StoryboardOrigin;

/**
 * A storyboard a person edited after a preview (prompts, narration, shot order, durations, style), checked like
 * any input and made ready to render: shots renumbered in the order given, seeds kept or derived, brackets
 * closed, the sky of each shot filled from its constellations, and the origin marked EDITED. Limits: 1..max
 * shots, prompts up to {@value #MAX_PROMPT} characters, narration that can be read in the shot's duration
 * (1..{@value #MAX_SECONDS} s), known constellations, no control characters and no instructions to the machine.
 */
@ApplicationScoped
public class EditedStoryboards {
    static final int MAX_PROMPT = 2000;
    static final int MAX_SECONDS = 10;

    private final StoryboardPlanner planner;
    private final KnowledgeBase knowledgeBase;

    public EditedStoryboards(StoryboardPlanner planner, KnowledgeBase knowledgeBase) {
        this.planner = planner;
        this.knowledgeBase = knowledgeBase;
    }

    /** @throws UnenrichableStoryException naming every field at fault */
    public Storyboard normalise(Storyboard edited, String seedKey) {
        List<FieldViolation> violations = new ArrayList<>();
        NarrationCapacity capacity = planner.capacity();
        Knowledge knowledge = knowledgeBase.now();
        if (planner.style(edited.getStyle()).isEmpty()) {
            violations.add(new FieldViolation("storyboard.style", "UNKNOWN_STYLE", "the storyboard's style has no template"));
        }
        if (edited.getShotsCount() == 0 || edited.getShotsCount() > capacity.maxShots()) {
            violations.add(new FieldViolation("storyboard.shots", "SHOT_COUNT",
                    "a storyboard has 1 to " + capacity.maxShots() + " shots, this one has " + edited.getShotsCount()));
        }
        String narrationText = String.join("\n", edited.getShotsList().stream().map(Shot::getNarration).toList());
        Language language = NarrationCapacity.languageOf(narrationText, edited.getLanguage());
        Storyboard.Builder out = edited.toBuilder().clearShots().setLanguage(language).setOrigin(StoryboardOrigin.STORYBOARD_ORIGIN_EDITED)
                .setNegativePrompt(edited.getNegativePrompt().isBlank() ? planner.defaultNegativePrompt() : edited.getNegativePrompt());
        check(violations, "storyboard.negative_prompt", edited.getNegativePrompt());
        for (int i = 0; i < edited.getShotsCount() && i < capacity.maxShots(); i++) {
            Shot shot = edited.getShots(i);
            String field = "storyboard.shots[" + i + "]";
            check(violations, field + ".prompt", shot.getPrompt());
            check(violations, field + ".narration", shot.getNarration());
            if (shot.getPrompt().isBlank()) {
                violations.add(new FieldViolation(field + ".prompt", "EMPTY_PROMPT", "every shot needs a prompt"));
            }
            long millis = shot.hasDuration() ? Durations.toMillis(shot.getDuration()) : capacity.budget().shotSeconds() * 1000L;
            if (millis < 1000 || millis > MAX_SECONDS * 1000L) {
                violations.add(new FieldViolation(field + ".duration", "DURATION", "a shot lasts 1 to " + MAX_SECONDS + " s"));
            }
            ReadingBudget budget = planner.budgetFor((int) Math.max(1, millis / 1000));
            int units = ReadingBudget.units(shot.getNarration(), language);
            if (units > budget.perShot(language)) {
                violations.add(new FieldViolation(field + ".narration", "NARRATION_TOO_LONG", String.format(
                        "the narration has %d %s, more than %d s can carry (%d)", units, language == Language.LANGUAGE_ZH ? "characters" : "words",
                        millis / 1000, budget.perShot(language))));
            }
            Shot.Builder normal = shot.toBuilder().setIndex(i).setPrompt(Brackets.balance(TextSanitizer.clean(shot.getPrompt()).strip()))
                    .setNarration(TextSanitizer.clean(shot.getNarration()).strip())
                    .setDuration(Durations.fromMillis(millis));
            if (shot.getSeed() <= 0 || shot.getSeed() > Integer.MAX_VALUE) {
                normal.setSeed(SeedPlan.seed(seedKey, i));
            }
            if (shot.getSkyCount() == 0) {
                for (String iau : shot.getConstellationsList()) {
                    SkyView.figure(iau, knowledge, language).ifPresentOrElse(normal::addSky, () -> violations.add(
                            new FieldViolation(field + ".constellations", "UNKNOWN_CONSTELLATION", iau + " is not an IAU constellation abbreviation")));
                }
            }
            out.addShots(normal);
        }
        if (!violations.isEmpty()) {
            throw new UnenrichableStoryException(violations);
        }
        return out.build();
    }

    /** Text a person wrote: bounded, no control characters, and no instruction to the machine. */
    private static void check(List<FieldViolation> violations, String field, String text) {
        if (text.codePointCount(0, text.length()) > MAX_PROMPT) {
            violations.add(new FieldViolation(field, "TOO_LONG", "at most " + MAX_PROMPT + " characters"));
        }
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t')) {
            violations.add(new FieldViolation(field, "CONTROL_CHARACTERS", "no control characters other than line breaks and tabs"));
        }
        if (SentenceSegmenter.sentences(text).stream().anyMatch(InstructionFilter::isInstruction)) {
            violations.add(new FieldViolation(field, "INSTRUCTION", "describe the shot; instructions to the generator are not accepted"));
        }
    }
}
