package io.starloom.scheduler.domain;

import java.util.Optional;

import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.proto.v1.Language;

/**
 * The edge's half of "anything accepted can finish": a story is refused here, before it is accepted, when
 * its narration (counted in its language, as requested or detected exactly as enrichment detects it) needs
 * more than one film's shots, or when it has nothing to narrate at all. Enrichment plans every story within
 * the same {@link NarrationCapacity} in at most that many shots.
 */
public final class NarrationCheck {
    /** No narration limit. */
    public static final NarrationCheck NONE = new NarrationCheck(null);

    private final NarrationCapacity capacity;

    public NarrationCheck(NarrationCapacity capacity) {
        this.capacity = capacity;
    }

    /** The problem with the text's narration, if any, as a {@code text} field error. */
    public Optional<FieldError> check(String text, Language language) {
        if (capacity == null) {
            return Optional.empty();
        }
        NarrationCapacity.Need need = capacity.assess(text, language);
        if (need.isEmpty()) {
            return Optional.of(new FieldError("text", ErrorCode.NARRATION_EMPTY));
        }
        if (need.exceedsFilm()) {
            return Optional.of(excess(need));
        }
        return Optional.empty();
    }

    /**
     * The figures of {@link NarrationCapacity.Need#excessMessage()}: English counts as it words them ("528 Chinese
     * characters"), and bare numbers with 1 for Chinese characters or 0 for words, for languages that word units their way.
     */
    private static FieldError excess(NarrationCapacity.Need need) {
        int excess = need.units() - need.maxUnits();
        return new FieldError("text", ErrorCode.NARRATION_EXCEEDS_FILM, need.count(need.units()), need.shots(), need.shotSeconds(),
                need.maxShots(), need.count(need.maxUnits()), need.count(excess), need.units(), need.maxUnits(), excess,
                need.language() == Language.LANGUAGE_ZH ? 1 : 0);
    }
}
