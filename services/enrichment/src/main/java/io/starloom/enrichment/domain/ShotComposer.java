package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.starloom.enrichment.config.EnrichmentConfig.CameraCues;
import io.starloom.enrichment.config.EnrichmentConfig.CameraPlan;
import io.starloom.enrichment.knowledge.FigureData;
import io.starloom.enrichment.knowledge.KeywordData;
import io.starloom.enrichment.knowledge.Knowledge;
import io.starloom.enrichment.knowledge.Mention;
import io.starloom.enrichment.knowledge.MythData;
import io.starloom.enrichment.knowledge.SkyData;
import io.starloom.enrichment.knowledge.Target;
import io.starloom.enrichment.knowledge.Target.Kind;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.ShotPrompt;
import io.starloom.proto.v1.SkyFigure;

/**
 * Writes one shot from its beat: who is shown (the character bible's fixed looks, so every shot draws the
 * same figure), where in the frame, what happens, the setting with the myth's world and meaning, camera,
 * light and style; the constellations in view with their real geometry; and the mood.
 */
final class ShotComposer {
    private static final int MAX_SKY_FIGURES = 4;
    /** Someone acts without being named: "she", "他们", "两人"... the figures of the previous shot go on. */
    private static final Pattern PRONOUN = Pattern.compile("(\\b(he|she|they|him|her|them|his|their|the two|both)\\b|他|她|它们|他们|她们|二人|两人|俩|双方|夫妻|母子|兄弟|姐妹)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern PLURAL = Pattern.compile("(\\b(they|them|their|the two|both|the lovers)\\b|它们|他们|她们|二人|两人|俩|两颗星|双星|夫妻|恋人)",
            Pattern.CASE_INSENSITIVE);

    private final CameraPlan camera;

    ShotComposer(CameraPlan camera) {
        this.camera = camera;
    }

    /** Everything one storyboard's shots share. */
    record Context(Knowledge knowledge, StoryReading reading, ResolvedStyle style, Language story, Language prompt,
            Map<String, String> bible, Assumptions assumptions) {
    }

    /** A composed shot before it becomes a proto: what the planner needs to link shots together. */
    record Composed(ShotPrompt parts, String prompt, String mood, List<SkyFigure> sky, List<String> iau, List<String> characters,
            boolean milkyWay, boolean flash, boolean fast, String mythId) {
    }

    Composed compose(int index, int count, String beat, List<Mention> mentions, List<String> previousCharacters, Context context) {
        Knowledge knowledge = context.knowledge();
        Language p = context.prompt();
        PromptPhrases phrases = PromptPhrases.of(p);
        StoryReading reading = context.reading();

        List<String> characters = new ArrayList<>();
        List<String> vagueSubjects = new ArrayList<>();
        List<KeywordData> actions = new ArrayList<>();
        List<KeywordData> motifs = new ArrayList<>();
        List<KeywordData> places = new ArrayList<>();
        String mood = null;
        Set<String> skyIds = new LinkedHashSet<>();
        Optional<MythData> beatMyth = Optional.empty();
        for (Mention mention : mentions) {
            boolean figure = false;
            for (Target target : mention.targets()) {
                switch (target.kind()) {
                    case FIGURE -> {
                        figure = true;
                        if (!characters.contains(target.id())) {
                            characters.add(target.id());
                        }
                    }
                    case CONSTELLATION, ASTERISM -> skyIds.add(target.id());
                    case STAR -> knowledge.star(Integer.parseInt(target.id())).flatMap(s -> skyOfStar(s, reading, knowledge)).ifPresent(skyIds::add);
                    case MYTH -> beatMyth = beatMyth.or(() -> knowledge.myth(target.id()));
                    default -> {
                    }
                }
            }
            if (figure) {
                continue;
            }
            for (Target target : mention.targets()) {
                if (target.kind() != Kind.KEYWORD) {
                    continue;
                }
                KeywordData keyword = knowledge.keyword(target.id()).orElseThrow();
                switch (keyword.kind()) {
                    case "vague" -> resolveVague(index, mention.term(), keyword, characters, vagueSubjects, context);
                    case "action" -> actions.add(keyword);
                    case "place" -> places.add(keyword);
                    case "mood" -> mood = mood == null ? keyword.mood() : mood;
                    default -> motifs.add(keyword);
                }
            }
        }
        characters.removeIf(id -> !context.bible().containsKey(id));
        if (characters.isEmpty() && vagueSubjects.isEmpty() && (!actions.isEmpty() || PRONOUN.matcher(beat).find())) {
            // "they", "两颗星": the story's lovers or heroes; "she": whoever the last shot showed, if it showed someone.
            boolean plural = PLURAL.matcher(beat).find();
            boolean previousHasPeople = previousCharacters.stream()
                    .anyMatch(id -> knowledge.figure(id).map(f -> f.kind().equals("person") || f.kind().equals("god")).orElse(false));
            characters.addAll(!plural && previousHasPeople ? previousCharacters : reading.protagonists(plural));
            characters.removeIf(id -> !context.bible().containsKey(id));
        }
        MythData myth = beatMyth.filter(m -> reading.tells(m.id())).orElse(reading.myths().isEmpty() ? null : reading.myths().get(0));

        // The sky: what the beat names, else what its figures became, else the myth's own sky.
        if (skyIds.isEmpty()) {
            for (String id : characters) {
                knowledge.figure(id).ifPresent(f -> pickSky(f.became(), reading.chineseSky(), knowledge).ifPresent(skyIds::add));
            }
        }
        if (skyIds.isEmpty() && myth != null) {
            myth.sky().stream().filter(id -> knowledge.constellation(id).isPresent() || knowledge.asterism(id).isPresent())
                    .filter(id -> reading.chineseSky() == knowledge.asterism(id).isPresent()).limit(2).forEach(skyIds::add);
        }
        List<SkyFigure> sky = new ArrayList<>();
        List<String> iau = new ArrayList<>();
        for (String id : skyIds) {
            if (sky.size() == MAX_SKY_FIGURES) {
                break;
            }
            SkyView.figure(id, knowledge, context.story()).ifPresent(sky::add);
            SkyView.iauOf(id, knowledge).filter(a -> !iau.contains(a)).ifPresent(iau::add);
        }
        boolean milkyWay = motifs.stream().anyMatch(k -> k.id().equals("milky-way") || k.id().equals("magpie-bridge"))
                || myth != null && (myth.id().equals("qixi") || myth.id().equals("cygnus"));

        // The parts of the prompt, in the prompt language.
        List<String> subjects = new ArrayList<>();
        characters.forEach(id -> subjects.add(context.bible().get(id)));
        subjects.addAll(vagueSubjects);
        if (subjects.isEmpty()) {
            subjects.add(motifs.isEmpty() ? phrases.nightSky() : motifs.get(0).describe(p));
        }
        String position = position(characters, vagueSubjects, sky, knowledge, p, phrases);
        List<String> action = new ArrayList<>();
        actions.forEach(k -> action.add(k.describe(p)));
        motifs.stream().filter(k -> !subjects.contains(k.describe(p))).forEach(k -> action.add(k.describe(p)));
        String scene = Punctuation.stripEdges(beat);
        action.add(p == context.story() ? scene : phrases.asTold() + phrases.open() + scene + phrases.close());
        List<String> setting = new ArrayList<>();
        if (myth != null) {
            setting.add(myth.setting().in(p));
        }
        places.forEach(k -> setting.add(k.describe(p)));
        if (myth != null) {
            setting.add(phrases.season() + myth.season().in(p));
            setting.add(phrases.meaning() + myth.meaning().in(p));
        }
        String shotMood = mood != null ? mood : myth != null && !myth.mood().isEmpty() ? myth.mood() : "serene";
        ResolvedStyle style = context.style();
        ShotPrompt parts = ShotPrompt.newBuilder()
                .setSubject(Brackets.balance(String.join(phrases.listSeparator(), subjects)))
                .setPosition(Brackets.balance(position))
                .setAction(Brackets.balance(String.join(phrases.listSeparator(), action)))
                .setSetting(Brackets.balance(String.join(phrases.listSeparator(), setting)))
                .setCamera(Brackets.balance(cameraCue(index, count, p) + phrases.listSeparator() + style.camera(p)))
                .setLighting(Brackets.balance(style.lighting(p) + phrases.listSeparator() + moodLight(shotMood, p)))
                .setStyle(Brackets.balance(style.look(p) + phrases.listSeparator() + style.palette(p)))
                .build();
        boolean flash = motifs.stream().anyMatch(k -> k.id().equals("lightning"));
        boolean fast = actions.stream().anyMatch(k -> k.id().equals("fight") || k.id().equals("chase"));
        return new Composed(parts, promptOf(parts, phrases), shotMood, sky, iau, characters, milkyWay, flash, fast,
                myth == null ? "" : myth.id());
    }

    /** The prompt as the model reads it: style first (the model weighs the start most), then who, where, what, world, camera, light. */
    static String promptOf(ShotPrompt parts, PromptPhrases phrases) {
        List<String> sections = new ArrayList<>();
        for (String part : List.of(parts.getStyle(), parts.getSubject(), parts.getPosition(), parts.getAction(), parts.getSetting(),
                parts.getCamera(), parts.getLighting())) {
            if (!part.isBlank()) {
                sections.add(part.strip());
            }
        }
        return Brackets.balance(String.join(phrases.partSeparator(), sections) + phrases.partSeparator().strip());
    }

    private static void resolveVague(int index, String term, KeywordData keyword, List<String> characters, List<String> vagueSubjects,
            Context context) {
        Knowledge knowledge = context.knowledge();
        Optional<FigureData> stand = StoryReading.standIn(keyword, context.reading().cast(), context.reading().myths(), knowledge)
                .filter(context.bible()::containsKey).flatMap(knowledge::figure);
        if (stand.isPresent()) {
            if (!characters.contains(stand.get().id())) {
                characters.add(stand.get().id());
            }
            context.assumptions().add(index, "VAGUE_TERM", "「" + term + "」理解为本故事中的" + stand.get().zh(),
                    "\"" + term + "\" read as this story's " + stand.get().en());
            return;
        }
        String concrete = keyword.describe(context.prompt());
        if (!vagueSubjects.contains(concrete)) {
            vagueSubjects.add(concrete);
        }
        context.assumptions().add(index, "VAGUE_TERM", "故事没有说明「" + term + "」是什么，画作：" + keyword.zh(),
                "the story does not say what \"" + term + "\" looks like; drawn as " + keyword.en());
    }

    private static String position(List<String> characters, List<String> vague, List<SkyFigure> sky, Knowledge knowledge, Language p,
            PromptPhrases phrases) {
        List<String> names = new ArrayList<>();
        characters.forEach(id -> knowledge.figure(id).ifPresent(f -> names.add(f.name(p))));
        String where;
        int subjects = names.size() + vague.size();
        if (subjects == 0) {
            where = "";
        } else if (subjects == 1) {
            where = (names.isEmpty() ? "" : names.get(0) + " ") + phrases.centre();
        } else if (subjects == 2 && names.size() == 2) {
            where = names.get(0) + " " + phrases.left() + phrases.listSeparator() + names.get(1) + " " + phrases.right();
        } else {
            where = (names.isEmpty() ? "" : names.get(0) + " ") + phrases.foreground();
        }
        if (!sky.isEmpty()) {
            String stars = String.join(phrases.listSeparator(),
                    sky.stream().map(f -> SkyView.figure(f.getId(), knowledge, p).map(SkyFigure::getName).orElse(f.getName())).toList());
            where = where.isEmpty() ? phrases.inSky() + stars : where + phrases.listSeparator() + phrases.inSky() + stars;
        }
        return where;
    }

    private String cameraCue(int index, int count, Language language) {
        CameraCues cues = camera.in(language);
        if (index == 0) {
            return cues.opening();
        }
        if (index == count - 1) {
            return cues.closing();
        }
        return cues.middle().get((index - 1) % cues.middle().size());
    }

    private static String moodLight(String mood, Language p) {
        boolean zh = p == Language.LANGUAGE_ZH;
        return switch (mood) {
            case "bittersweet", "longing", "melancholy" -> zh ? "清冷忧伤的蓝色调" : "cool wistful blue tones";
            case "ominous", "dramatic" -> zh ? "浓重阴影与强烈明暗对比" : "deep shadows and hard contrast";
            case "heroic", "awe" -> zh ? "金色逆光，宏伟开阔" : "golden backlight, grand and open";
            case "tender", "joyful", "playful" -> zh ? "温暖柔和的光" : "warm gentle light";
            default -> zh ? "宁静柔和的星光" : "calm soft starlight";
        };
    }

    /** A figure's place in the sky, in the story's sky culture where it has one. */
    private static Optional<String> pickSky(List<String> became, boolean chinese, Knowledge knowledge) {
        Optional<String> preferred = became.stream()
                .filter(id -> chinese ? knowledge.asterism(id).isPresent() : knowledge.constellation(id).isPresent()).findFirst();
        return preferred.or(() -> became.stream().filter(id -> knowledge.asterism(id).isPresent() || knowledge.constellation(id).isPresent())
                .findFirst());
    }

    /** The figure a named star belongs to: its Chinese asterism in a Chinese story, else its constellation. */
    private static Optional<String> skyOfStar(SkyData.Star star, StoryReading reading, Knowledge knowledge) {
        if (reading.chineseSky()) {
            Optional<String> asterism = knowledge.asterismOfStar(star.hip());
            if (asterism.isPresent()) {
                return asterism;
            }
        }
        return Optional.ofNullable(star.iau()).filter(iau -> !iau.isEmpty());
    }
}
