package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.protobuf.Duration;

import io.starloom.contracts.ProtoNames;
import io.starloom.enrichment.config.EnrichmentConfig;
import io.starloom.enrichment.config.NarrationConfig;
import io.starloom.enrichment.knowledge.FigureData;
import io.starloom.enrichment.knowledge.Knowledge;
import io.starloom.enrichment.knowledge.KnowledgeBase;
import io.starloom.enrichment.knowledge.Mention;
import io.starloom.enrichment.knowledge.MythData;
import io.starloom.enrichment.knowledge.Target;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.ReadingBudget;
import io.starloom.proto.v1.Character;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.MythReference;
import io.starloom.proto.v1.PlanOptions;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.SkyCulture;
import io.starloom.proto.v1.StoryPlan;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.StoryboardOrigin;
import io.starloom.proto.v1.Transition;

/**
 * Turns a story into its storyboard, deterministically: the text cleaned (controls, bidi overrides, zalgo,
 * emoji), instructions to the machine left out, sentences segmented and read against the knowledge base
 * (myths, figures, sky, keywords), the story fitted into one film (condensed when too long, beats cut when
 * too short for the wanted length), and each beat written as a shot with a structured prompt, the character
 * bible's fixed looks, the constellations in view, mood, transition and a stable seed. Pure CPU work on
 * immutable knowledge, so callers may run it on the event loop.
 */
@ApplicationScoped
public class StoryboardPlanner {
    private final EnrichmentConfig config;
    private final NarrationConfig narration;
    private final NarrationCapacity capacity;
    private final KnowledgeBase knowledgeBase;
    private final StyleCatalog styles;
    private final ShotComposer composer;
    private final Language defaultPromptLanguage;

    public StoryboardPlanner(EnrichmentConfig config, NarrationConfig narration, KnowledgeBase knowledgeBase) {
        this.config = config;
        this.narration = narration;
        this.capacity = NarrationConfig.capacityOf(narration);
        this.knowledgeBase = knowledgeBase;
        this.styles = new StyleCatalog(config.styles(), config.defaultStyle());
        this.composer = new ShotComposer(config.camera());
        this.defaultPromptLanguage = ProtoNames.parseShortName(Language.class, config.promptLanguage())
                .orElseThrow(() -> new IllegalStateException("starloom.enrichment.prompt-language must be zh or en"));
    }

    /** @throws UnenrichableStoryException when the story cannot be planned as it is */
    public Storyboard plan(StoryInput input) {
        List<FieldViolation> violations = new ArrayList<>();
        ResolvedStyle style = validate(input, violations);
        ReadingBudget budget = budgetOf(input);
        PlanLimits limits = PlanLimits.of(input.options(), budget.shotSeconds(), capacity.maxShots(), violations);
        if (!violations.isEmpty()) {
            throw new UnenrichableStoryException(violations);
        }
        Knowledge knowledge = knowledgeBase.now();
        String text = TextSanitizer.clean(input.text());
        Language language = NarrationCapacity.languageOf(text, input.language());
        Language promptLanguage = chosen(input.options().getPromptLanguage()).orElse(defaultPromptLanguage);
        Assumptions assumptions = new Assumptions(language);

        List<String> sentences = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<Integer> requestNumbers = new ArrayList<>();
        int number = 0;
        for (String sentence : SentenceSegmenter.sentences(text)) {
            number++;
            InstructionFilter.Kind kind = InstructionFilter.classify(sentence);
            boolean narrated = ReadingBudget.units(sentence, language) > 0;
            if (kind == InstructionFilter.Kind.REQUEST && narrated) {
                requests.add(sentence);
                requestNumbers.add(number);
            } else if (kind != InstructionFilter.Kind.STORY) {
                ignored(assumptions, number);
            } else if (narrated) {
                sentences.add(sentence);
            }
        }
        if (sentences.isEmpty() && !requests.isEmpty()) {
            // A text that only asks for a picture ("生成一段牛郎织女的视频") is filmed as asked; moderation still
            // screens it like any story, so a forbidden request ends REJECTED rather than as an empty story.
            sentences.addAll(requests);
            assumptions.add(Assumptions.STORY, "REQUEST_AS_STORY", "全文只是一个生成请求，按请求的内容成片",
                    "the whole text is a request for a film; its subject is filmed as asked");
        } else {
            requestNumbers.forEach(n -> ignored(assumptions, n));
        }
        if (sentences.isEmpty()) {
            throw refuse("text", "EMPTY_TEXT", "text has no words to narrate");
        }
        // Beats are mostly whole sentences: each distinct text is read against the lexicon once per plan.
        Map<String, List<Mention>> recognised = new HashMap<>();
        Function<String, List<Mention>> recognise = t -> recognised.computeIfAbsent(t, knowledge::recognise);
        List<List<Mention>> mentions = sentences.stream().map(recognise).toList();
        StoryReading reading = StoryReading.of(mentions, knowledge);

        // Fit the story into one film.
        int storyUnits = sentences.stream().mapToInt(s -> ReadingBudget.units(s, language)).sum();
        int perShot = budget.perShot(language);
        int filmUnits = limits.maxShots() * perShot;
        StoryPlan.Builder plan = StoryPlan.newBuilder().setStoryUnits(storyUnits).setMinShots(limits.minShots())
                .setMaxShots(limits.maxShots()).setShotSeconds(limits.shotSeconds()).setTargetSeconds(limits.targetSeconds())
                .setPartsNeeded(Math.max(1, (storyUnits + filmUnits - 1) / filmUnits));
        BeatSplitter splitter = new BeatSplitter(budget);
        String storyText = String.join("\n", sentences);
        List<String> beats;
        if (storyUnits > filmUnits) {
            // Too much for one film: keep the most telling beats (each fits one shot), in story order.
            List<String> all = splitter.split(storyText, language);
            List<Integer> salience = all.stream().map(beat -> salience(recognise.apply(beat))).toList();
            List<Integer> kept = FilmSizer.condense(all, salience, language, limits.maxShots());
            beats = kept.stream().map(all::get).toList();
            plan.setCondensed(true);
            for (int i = 0; i < all.size(); i++) {
                if (!kept.contains(i)) {
                    plan.addOmittedParts(i);
                }
            }
            assumptions.add(Assumptions.STORY, "CONDENSED",
                    String.format("故事约有 %d 字旁白，超过一部影片最多 %d 个镜头（约 %d 字）所能讲述的；保留了 %d 段中最关键的 %d 段，完整讲述需要分成 %d 部",
                            storyUnits, limits.maxShots(), limits.maxShots() * perShot, all.size(), kept.size(), plan.getPartsNeeded()),
                    String.format("the story has about %d %s of narration, more than a film of at most %d shots carries (about %d); "
                            + "the %d most telling of its %d parts were kept, and the whole story would need %d films",
                            storyUnits, language == Language.LANGUAGE_ZH ? "characters" : "words", limits.maxShots(), limits.maxShots() * perShot,
                            kept.size(), all.size(), plan.getPartsNeeded()));
        } else {
            beats = splitter.split(storyText, language, limits.maxShots());
        }
        int wanted = Math.max(limits.minShots(), limits.targetShots());
        if (beats.size() < wanted) {
            beats = FilmSizer.lengthen(beats, language, wanted);
        }
        plan.setPlannedUnits(beats.stream().mapToInt(b -> ReadingBudget.units(b, language)).sum());

        Map<String, String> bible = bible(reading, knowledge, promptLanguage, language, assumptions);
        ShotComposer.Context context = new ShotComposer.Context(knowledge, reading, style, language, promptLanguage, bible, assumptions);
        Storyboard.Builder storyboard = Storyboard.newBuilder()
                .setLanguage(language)
                .setStyle(style.style())
                .setTitle(TitleWriter.titleOf(beats.get(0), language))
                .setNegativePrompt(config.negativePrompt())
                .setStyleTemplate(style.look(promptLanguage))
                .setStyleGuide(style.guide(promptLanguage))
                .setPromptLanguage(promptLanguage)
                .setOrigin(StoryboardOrigin.STORYBOARD_ORIGIN_PLANNED);
        reading.myths().forEach(myth -> storyboard.addMyths(reference(myth, language)));
        bible.forEach((id, look) -> knowledge.figure(id).ifPresent(f -> storyboard.addCharacters(character(f, look, language))));

        String negative = config.negativePrompt() + (promptLanguage == Language.LANGUAGE_ZH ? "，" : ", ") + style.negatives(promptLanguage);
        List<ShotComposer.Composed> composed = new ArrayList<>();
        List<String> previous = List.of();
        for (int index = 0; index < beats.size(); index++) {
            String beat = beats.get(index);
            ShotComposer.Composed shot = composer.compose(index, beats.size(), beat, recognise.apply(beat), previous, context);
            composed.add(shot);
            previous = shot.characters();
        }
        String beatName = "";
        for (int index = 0; index < beats.size(); index++) {
            ShotComposer.Composed shot = composed.get(index);
            String beat = beats.get(index);
            beatName = index > 0 && continuesSentence(beats.get(index - 1)) ? beatName : TitleWriter.titleOf(beat, language);
            storyboard.addShots(Shot.newBuilder()
                    .setIndex(index)
                    .setSourceText(beat)
                    .setNarration(Punctuation.asNarration(beat))
                    .setPrompt(shot.prompt())
                    .setPromptParts(shot.parts())
                    .setNegativePrompt(negative)
                    .setDuration(Duration.newBuilder().setSeconds(limits.shotSeconds()))
                    .setSeed(SeedPlan.seed(input.seedKey(), index))
                    .addAllConstellations(shot.iau())
                    .addAllSky(shot.sky())
                    .addAllCharacters(shot.characters())
                    .setMood(shot.mood())
                    .setMilkyWay(shot.milkyWay())
                    .setBeat(beatName)
                    .setTransitionOut(transition(index, composed)));
        }
        storyboard.setPlan(plan).addAllAssumptions(assumptions.all());
        return storyboard.build();
    }

    /** How a shot gives way to the next: a flash into lightning, hard cuts in a fight, a fade between myths, else a crossfade. */
    private static Transition transition(int index, List<ShotComposer.Composed> shots) {
        if (index == shots.size() - 1) {
            return Transition.TRANSITION_FADE_BLACK;
        }
        ShotComposer.Composed here = shots.get(index);
        ShotComposer.Composed next = shots.get(index + 1);
        if (next.flash()) {
            return Transition.TRANSITION_DIP_WHITE;
        }
        if (here.fast() && next.fast()) {
            return Transition.TRANSITION_CUT;
        }
        if (!here.mythId().equals(next.mythId())) {
            return Transition.TRANSITION_FADE_BLACK;
        }
        return Transition.TRANSITION_CROSSFADE;
    }

    /** The fixed look of each figure the story shows, written once; a story with more figures than the bible holds keeps the most mentioned. */
    private Map<String, String> bible(StoryReading reading, Knowledge knowledge, Language prompt, Language story, Assumptions assumptions) {
        Map<String, String> bible = new LinkedHashMap<>();
        List<String> ids = reading.bible(config.maxCharacters(), knowledge);
        for (String id : reading.cast().keySet()) {
            if (ids.contains(id)) {
                knowledge.figure(id).ifPresent(f -> bible.put(id, f.look().in(prompt)));
            }
        }
        if (reading.cast().size() > bible.size()) {
            assumptions.add(Assumptions.STORY, "CHARACTERS_LIMITED",
                    "故事有 " + reading.cast().size() + " 个角色，角色设定只保留出现最多的 " + bible.size() + " 个",
                    "the story has " + reading.cast().size() + " figures; the character bible keeps the " + bible.size() + " mentioned most");
        }
        return bible;
    }

    private static Character character(FigureData figure, String look, Language story) {
        return Character.newBuilder().setId(figure.id()).setName(figure.name(story)).setAppearance(look)
                .addAllRelations(figure.relations()).addAllBecame(figure.became()).build();
    }

    private static MythReference reference(MythData myth, Language language) {
        return MythReference.newBuilder().setId(myth.id()).setName(myth.name(language)).setMeaning(myth.meaning().in(language))
                .setSeason(myth.season().in(language))
                .setCulture(myth.chinese() ? SkyCulture.SKY_CULTURE_CHINESE : SkyCulture.SKY_CULTURE_WESTERN).build();
    }

    /** How much a sentence carries the story: its figures and myths count most, then places, actions, sky. */
    private static int salience(List<Mention> mentions) {
        int score = 0;
        for (Mention mention : mentions) {
            score += mention.is(Target.Kind.FIGURE) || mention.is(Target.Kind.MYTH) ? 3 : 1;
        }
        return score;
    }

    /** True when a beat was cut from the middle of a sentence, so the next beat is the same story moment. */
    private static boolean continuesSentence(String beat) {
        String stripped = beat.strip();
        return !stripped.isEmpty() && "。！？!?….」”\"'）)".indexOf(stripped.charAt(stripped.length() - 1)) < 0;
    }

    private ResolvedStyle validate(StoryInput input, List<FieldViolation> violations) {
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
        PlanOptions options = input.options();
        if (options.getPromptLanguage() == Language.UNRECOGNIZED) {
            violations.add(new FieldViolation("options.prompt_language", "UNKNOWN_LANGUAGE", "prompt_language must be LANGUAGE_ZH, LANGUAGE_EN or unspecified"));
        }
        if (options.getTranslationLanguage() == Language.UNRECOGNIZED) {
            violations.add(new FieldViolation("options.translation_language", "UNKNOWN_LANGUAGE",
                    "translation_language must be LANGUAGE_ZH, LANGUAGE_EN or unspecified"));
        }
        Optional<ResolvedStyle> style = styles.resolve(input.style());
        if (style.isEmpty()) {
            violations.add(new FieldViolation("style", "UNKNOWN_STYLE",
                    "style has no template; known styles: " + String.join(", ", config.styles().keySet())));
        }
        return style.orElse(null);
    }

    /** The style of a storyboard, resolved; used to validate edited storyboards. */
    Optional<ResolvedStyle> style(io.starloom.proto.v1.Style style) {
        return styles.resolve(style);
    }

    /** The story's model profile's shot length where the scheduler said it (within what an edit may ask), else the configured one. */
    private ReadingBudget budgetOf(StoryInput input) {
        return input.shotSeconds() > 0 ? budgetFor(Math.min(input.shotSeconds(), EditedStoryboards.MAX_SECONDS)) : capacity.budget();
    }

    NarrationCapacity capacity() {
        return capacity;
    }

    /** How much narration a shot of {@code seconds} carries at the configured reading speed. */
    ReadingBudget budgetFor(int seconds) {
        return new ReadingBudget(narration.readingSpeed().zh(), narration.readingSpeed().en(), seconds);
    }

    String defaultNegativePrompt() {
        return config.negativePrompt();
    }

    private static Optional<Language> chosen(Language language) {
        return language == Language.LANGUAGE_ZH || language == Language.LANGUAGE_EN ? Optional.of(language) : Optional.empty();
    }

    private static UnenrichableStoryException refuse(String field, String reason, String description) {
        return new UnenrichableStoryException(List.of(new FieldViolation(field, reason, description)));
    }

    private static void ignored(Assumptions assumptions, int number) {
        assumptions.add(Assumptions.STORY, "INSTRUCTION_IGNORED", "第 " + number + " 句是对生成系统的指令而不是故事，已略去",
                "sentence " + number + " is an instruction to the generator, not part of the story; it was left out");
    }
}
