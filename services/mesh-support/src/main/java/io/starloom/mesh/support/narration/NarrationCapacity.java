package io.starloom.mesh.support.narration;

import io.starloom.proto.v1.Language;

/**
 * How much story one film can narrate: at most {@code maxShots} shots, each carrying the narration its
 * {@link ReadingBudget} allows. The one rule behind both the scheduler's edge check (a story over capacity
 * is refused before it is accepted) and enrichment's planning (a story within capacity is always planned
 * in at most {@code maxShots} shots), so that anything accepted can finish.
 */
public final class NarrationCapacity {
    private final ReadingBudget budget;
    private final int maxShots;

    public NarrationCapacity(ReadingBudget budget, int maxShots) {
        if (maxShots < 1) {
            throw new IllegalArgumentException("a film must allow at least one shot, not " + maxShots);
        }
        this.budget = budget;
        this.maxShots = maxShots;
    }

    public ReadingBudget budget() {
        return budget;
    }

    /** Most shots one film may have. */
    public int maxShots() {
        return maxShots;
    }

    /** Narration units (Chinese characters or English words) one film can carry. */
    public int maxUnits(Language language) {
        return maxShots * budget.perShot(language);
    }

    /**
     * The language the story is narrated in: the one requested when it is Chinese or English, otherwise
     * (unspecified, or a value this build does not know) detected from the text.
     */
    public static Language languageOf(String text, Language requested) {
        return requested == Language.LANGUAGE_ZH || requested == Language.LANGUAGE_EN ? requested : LanguageDetector.detect(text);
    }

    /** How much narration {@code text} needs in its language (as requested, or detected) against what a film can carry. */
    public Need assess(String text, Language requested) {
        Language language = languageOf(text, requested);
        return new Need(language, ReadingBudget.units(text, language), budget.perShot(language), maxShots, budget.shotSeconds());
    }

    /**
     * The narration a story needs.
     *
     * @param units narration units of the whole text
     * @param perShot units one shot carries
     */
    public record Need(Language language, int units, int perShot, int maxShots, int shotSeconds) {

        /** Units a film can carry. */
        public int maxUnits() {
            return maxShots * perShot;
        }

        /** Shots the narration needs at the reading speed, counted as if sentences could be cut anywhere. */
        public int shots() {
            return (units + perShot - 1) / perShot;
        }

        /** Nothing to narrate: no letters or digits at all. */
        public boolean isEmpty() {
            return units == 0;
        }

        /** More narration than the longest film carries. */
        public boolean exceedsFilm() {
            return units > maxUnits();
        }

        /**
         * Why a story over capacity cannot be filmed and what to do, in the story's units, e.g. "the story has
         * about 900 Chinese characters of narration, about 41 shots of 5 s; a film has at most 24 shots (about
         * 528 Chinese characters): shorten it by at least 372 Chinese characters".
         */
        public String excessMessage() {
            return String.format("the story has about %s of narration, about %d shots of %d s; a film has at most %d shots"
                    + " (about %s): shorten it by at least %s",
                    count(units), shots(), shotSeconds, maxShots, count(maxUnits()), count(units - maxUnits()));
        }

        /** "1 word", "528 Chinese characters": a number of narration units as a person counts them. */
        public String count(int n) {
            String unit = language == Language.LANGUAGE_ZH ? "Chinese character" : "word";
            return n + " " + unit + (n == 1 ? "" : "s");
        }
    }
}
