package io.starloom.enrichment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.starloom.enrichment.config.NarrationConfig;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.mesh.support.narration.NarrationCapacity.Need;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;

/**
 * "Anything accepted can finish": every story whose narration fits the film's capacity (what the scheduler's
 * edge accepts, through the same {@link NarrationCapacity} and the same shared settings) is planned in at most
 * max-shots shots, whatever its sentences look like; one unit more is refused by both.
 */
class NarrationCapacityPlanningTest {
    private static final int TEXTS_PER_KIND = 50;
    private static final int MAX_TEXT_LENGTH = 4000;
    private static final String HAN = "织女星牵牛银河鹊桥天帝王母仙后座英仙猎户北斗七夜空海怪岩石锁链闪烁静照亮远方古老传说神话勇士公主飞马流光";
    private static final String[] LATIN_IN_CHINESE = { "Vega", "Altair", "M31", "Betelgeuse", "2025", "NGC7000" };
    private static final String[] WORDS = { "Orion", "the", "hunter", "strides", "across", "winter", "plain", "and", "Vega", "weaves",
            "light", "over", "river", "of", "stars", "while", "a", "hare", "runs", "3.14", "Sirius", "burns", "bright", "参宿" };

    private final NarrationCapacity capacity = NarrationConfig.capacityOf(Samples.shippedNarration());
    private final StoryboardPlanner planner = Samples.planner();

    /** Ways a story can be written, each making beats differently. */
    enum Kind {
        CHINESE_WITH_PUNCTUATION(r -> sentence(r, 1 + r.nextInt(40), "。！？", 0.15, 0.1) + (r.nextInt(12) == 0 ? "\n" : "")),
        CHINESE_WITHOUT_PUNCTUATION(r -> han(r) + (r.nextInt(30) == 0 ? latinInChinese(r) : "")),
        CHINESE_SHORT_SENTENCES(r -> sentence(r, 1 + r.nextInt(3), "。！？…", 0, 0.05)),
        CHINESE_QUOTES_AND_LINES(r -> (r.nextBoolean() ? "织女说：“" + sentence(r, 1 + r.nextInt(6), "。！", 0, 0) + "”" : "")
                + sentence(r, 1 + r.nextInt(8), "；，", 0.2, 0) + (r.nextInt(4) == 0 ? "\n" : "")),
        ENGLISH_WITH_PUNCTUATION(r -> words(r, 1 + r.nextInt(30), 0.1) + pick(r, ". ", "! ", "? ", "; ", ".\n")),
        ENGLISH_WITHOUT_PUNCTUATION(r -> word(r) + " "),
        ENGLISH_SHORT_SENTENCES(r -> words(r, 1 + r.nextInt(2), 0) + pick(r, ". ", "! ", "? ")),
        ENGLISH_ONE_VERY_LONG_WORD(r -> r.nextInt(10) == 0 ? "Orion" + "o".repeat(200 + r.nextInt(1500)) + "n. " : words(r, 1 + r.nextInt(9), 0.2) + ". ");

        private final Function<Random, String> piece;

        Kind(Function<Random, String> piece) {
            this.piece = piece;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyStoryWithinCapacityIsPlannedInAtMostMaxShots(Kind kind) {
        int planned = 0;
        int atCapacity = 0;
        for (int seed = 0; seed < TEXTS_PER_KIND; seed++) {
            Random random = new Random(kind.ordinal() * 100_000L + seed);
            List<String> pieces = pieces(kind, random);
            int longest = longestFittingPrefix(pieces);
            if (longest == 0) {
                continue;
            }
            // Half the texts right at the boundary, the rest anywhere below it.
            int k = random.nextBoolean() ? longest : 1 + random.nextInt(longest);
            String text = String.join("", pieces.subList(0, k));
            Need need = capacity.assess(text, Language.LANGUAGE_UNSPECIFIED);
            if (need.isEmpty() || need.exceedsFilm() || text.strip().isEmpty()) {
                continue;
            }
            String where = kind + " seed " + seed + " (" + need.units() + " of " + need.maxUnits() + " " + need.language() + ")";
            Storyboard storyboard = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "s"));
            assertThat(storyboard.getShotsCount()).as(where).isBetween(1, capacity.maxShots());
            assertThat(storyboard.getLanguage()).as(where).isEqualTo(need.language());
            assertThat(lettersOf(storyboard.getShotsList().stream().map(Shot::getNarration).collect(Collectors.joining())))
                    .as(where + ": nothing dropped, nothing reordered").isEqualTo(lettersOf(text));
            planned++;
            if (k == longest && k < pieces.size()) {
                atCapacity++;
                assertCondensedOrRefused(String.join("", pieces.subList(0, k + 1)), where + " + 1 piece");
            }
        }
        assertThat(planned).as("stories planned").isGreaterThan(TEXTS_PER_KIND / 2);
        assertThat(atCapacity).as("stories right at the boundary").isGreaterThan(TEXTS_PER_KIND / 5);
    }

    @Test
    void aStoryExactlyAtCapacityIsPlannedWholeAndOneUnitMoreIsCondensed() {
        String chinese = "星".repeat(capacity.maxUnits(Language.LANGUAGE_ZH));
        assertThat(chinese).hasSize(528);
        assertPlannedAtCapacity(chinese);
        assertCondensedOrRefused(chinese + "月", "529 characters");

        String shortSentences = "星。".repeat(528);
        assertPlannedAtCapacity(shortSentences);
        assertCondensedOrRefused(shortSentences + "月。", "529 one-character sentences");

        String english = "Orion hunts. ".repeat(168);
        assertThat(capacity.assess(english, Language.LANGUAGE_UNSPECIFIED).units()).isEqualTo(336);
        assertPlannedAtCapacity(english);
        assertCondensedOrRefused(english + "Again.", "337 words");

        // A Latin word in Chinese narration costs two characters: 526 + 2 fits, 527 + 2 does not.
        assertPlannedAtCapacity("星".repeat(526) + "Vega");
        assertCondensedOrRefused("星".repeat(527) + "Vega", "527 characters and a Latin word");
    }

    private void assertPlannedAtCapacity(String text) {
        Need need = capacity.assess(text, Language.LANGUAGE_UNSPECIFIED);
        assertThat(need.units()).isEqualTo(need.maxUnits());
        assertThat(need.exceedsFilm()).isFalse();
        Storyboard storyboard = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "s"));
        assertThat(storyboard.getShotsCount()).isEqualTo(capacity.maxShots());
    }

    /**
     * One piece past the boundary: over capacity, the planner condenses it into at most the film's shots and
     * says so in the plan (never a crash, never more shots); past 4000 characters it refuses with TEXT_TOO_LONG.
     */
    private void assertCondensedOrRefused(String text, String where) {
        boolean tooLong = text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH;
        if (tooLong) {
            UnenrichableStoryException refused = catchThrowableOfType(UnenrichableStoryException.class,
                    () -> planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "s")));
            assertThat(refused).as(where + ": the planner refuses it").isNotNull();
            assertThat(refused.reason()).as(where).isEqualTo("TEXT_TOO_LONG");
            return;
        }
        Need need = capacity.assess(text, Language.LANGUAGE_UNSPECIFIED);
        assertThat(need.exceedsFilm()).as(where + ": over one film").isTrue();
        Storyboard storyboard = planner.plan(new StoryInput(text, Language.LANGUAGE_UNSPECIFIED, Style.STYLE_UNSPECIFIED, "s"));
        assertThat(storyboard.getShotsCount()).as(where).isBetween(1, capacity.maxShots());
        assertThat(storyboard.getPlan().getCondensed()).as(where + ": condensed").isTrue();
        assertThat(storyboard.getPlan().getPartsNeeded()).as(where).isGreaterThanOrEqualTo(2);
        assertThat(storyboard.getPlan().getPlannedUnits()).as(where).isLessThanOrEqualTo(need.maxUnits());
        assertThat(storyboard.getAssumptionsList()).as(where).anyMatch(a -> a.getKind().equals("CONDENSED"));
    }

    /** More pieces than any film narrates, within the text length limit where the pieces allow. */
    private static List<String> pieces(Kind kind, Random random) {
        List<String> pieces = new ArrayList<>();
        int length = 0;
        while (length < MAX_TEXT_LENGTH) {
            String piece = kind.piece.apply(random);
            pieces.add(piece);
            length += piece.codePointCount(0, piece.length());
        }
        return pieces;
    }

    /** The most pieces whose text the edge would accept (within capacity and the length limit); 0 when none. */
    private int longestFittingPrefix(List<String> pieces) {
        int fits = 0;
        int exceeds = pieces.size() + 1;
        while (exceeds - fits > 1) {
            int mid = (fits + exceeds) >>> 1;
            String text = String.join("", pieces.subList(0, mid));
            if (text.codePointCount(0, text.length()) <= MAX_TEXT_LENGTH && !capacity.assess(text, Language.LANGUAGE_UNSPECIFIED).exceedsFilm()) {
                fits = mid;
            } else {
                exceeds = mid;
            }
        }
        return fits;
    }

    private static String sentence(Random random, int characters, String ends, double commas, double latin) {
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < characters; i++) {
            sentence.append(random.nextDouble() < latin ? latinInChinese(random) : han(random));
            if (i + 1 < characters && random.nextDouble() < commas) {
                sentence.append(pick(random, "，", "、", "；", "："));
            }
        }
        return sentence.append(ends.charAt(random.nextInt(ends.length()))).toString();
    }

    private static String han(Random random) {
        return String.valueOf(HAN.charAt(random.nextInt(HAN.length())));
    }

    private static String latinInChinese(Random random) {
        return pick(random, LATIN_IN_CHINESE);
    }

    private static String words(Random random, int count, double commas) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(i == 0 ? "" : random.nextDouble() < commas ? ", " : " ").append(word(random));
        }
        return words.toString();
    }

    private static String word(Random random) {
        return pick(random, WORDS);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String lettersOf(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
