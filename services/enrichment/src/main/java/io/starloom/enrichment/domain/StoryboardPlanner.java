package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Duration;

import io.starloom.enrichment.config.EnrichmentConfig;
import io.starloom.enrichment.config.NarrationConfig;
import io.starloom.enrichment.knowledge.SkyEntry;
import io.starloom.enrichment.knowledge.SkyKnowledge;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;

/**
 * Turns a story into its storyboard: language, title, one shot per beat with narration sized to the
 * shot, a structured prompt, the recognised constellations and a stable seed. Pure, CPU-light string
 * work with no I/O, so callers may run it on the event loop.
 *
 * <p>A story whose narration fits the film's {@link NarrationCapacity} (what the scheduler's edge accepts)
 * is always planned, in at most that many shots; only a story over capacity is refused (TOO_MANY_SHOTS).
 */
@ApplicationScoped
public class StoryboardPlanner {
    private final EnrichmentConfig config;
    private final NarrationCapacity capacity;
    private final SkyKnowledge knowledge;
    private final StyleCatalog styles;
    private final BeatSplitter splitter;
    private final PromptWriter prompts;

    public StoryboardPlanner(EnrichmentConfig config, NarrationConfig narration, SkyKnowledge knowledge) {
        this.config = config;
        this.capacity = NarrationConfig.capacityOf(narration);
        this.knowledge = knowledge;
        this.styles = new StyleCatalog(config.styles(), config.defaultStyle());
        this.splitter = new BeatSplitter(capacity.budget());
        this.prompts = new PromptWriter(config.camera());
    }

    /** @throws UnenrichableStoryException when the story cannot be planned as it is */
    public Storyboard plan(StoryInput input) {
        ResolvedStyle style = validate(input);
        String text = input.text();
        // validate() refused UNRECOGNIZED: the language is the one asked for, or else detected, as the edge does it.
        Language language = NarrationCapacity.languageOf(text, input.language());
        NarrationCapacity.Need need = capacity.assess(text, language);
        if (need.isEmpty()) {
            throw refuse("text", "EMPTY_TEXT", "text has no words to narrate");
        }
        if (need.exceedsFilm()) {
            // Unreachable through the scheduler, whose edge refuses such a story before accepting it.
            throw refuse("text", "TOO_MANY_SHOTS", need.excessMessage());
        }
        List<String> beats = splitter.split(text, language, capacity.maxShots());
        StoryKnowledge story = StoryKnowledge.of(knowledge.recognise(text));
        Storyboard.Builder storyboard = Storyboard.newBuilder()
                .setLanguage(language)
                .setStyle(style.style())
                .setTitle(TitleWriter.titleOf(firstSentence(text, language), language))
                .setNegativePrompt(config.negativePrompt())
                .setStyleTemplate(style.look(language));
        for (int index = 0; index < beats.size(); index++) {
            String beat = beats.get(index);
            List<SkyEntry> named = knowledge.recognise(beat);
            storyboard.addShots(Shot.newBuilder()
                    .setIndex(index)
                    .setSourceText(beat)
                    .setNarration(Punctuation.asNarration(beat))
                    .setPrompt(prompts.write(index, beats.size(), beat, language, style, named, story))
                    .setDuration(Duration.newBuilder().setSeconds(capacity.budget().shotSeconds()))
                    .setSeed(SeedPlan.seed(input.seedKey(), index))
                    .addAllConstellations(named.stream().filter(SkyEntry::hasIau).map(SkyEntry::iau).distinct().toList()));
        }
        return storyboard.build();
    }

    private ResolvedStyle validate(StoryInput input) {
        List<FieldViolation> violations = new ArrayList<>();
        String text = input.text();
        int length = text.codePointCount(0, text.length());
        if (text.isBlank()) {
            violations.add(new FieldViolation("text", "EMPTY_TEXT", "text is empty or only whitespace"));
        } else if (length > config.maxTextLength()) {
            violations.add(new FieldViolation("text", "TEXT_TOO_LONG",
                    String.format("text has %d characters, more than the limit of %d", length, config.maxTextLength())));
        }
        if (input.language() == Language.UNRECOGNIZED) {
            violations.add(new FieldViolation("language", "UNKNOWN_LANGUAGE", "language must be LANGUAGE_ZH, LANGUAGE_EN or unspecified"));
        }
        Optional<ResolvedStyle> style = styles.resolve(input.style());
        if (style.isEmpty()) {
            violations.add(new FieldViolation("style", "UNKNOWN_STYLE",
                    "style has no template; known styles: " + String.join(", ", config.styles().keySet())));
        }
        if (!violations.isEmpty()) {
            throw new UnenrichableStoryException(violations);
        }
        return style.orElseThrow();
    }

    private static String firstSentence(String text, Language language) {
        return BeatSplitter.sentences(text).stream()
                .filter(sentence -> ReadingBudget.units(sentence, language) > 0)
                .findFirst()
                .orElse(text);
    }

    private static UnenrichableStoryException refuse(String field, String reason, String description) {
        return new UnenrichableStoryException(List.of(new FieldViolation(field, reason, description)));
    }
}
