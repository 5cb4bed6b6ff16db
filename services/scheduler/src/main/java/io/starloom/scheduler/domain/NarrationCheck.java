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
            return Optional.of(new FieldError("text", "the story has no words to narrate: it needs at least one letter or digit"));
        }
        if (need.exceedsFilm()) {
            return Optional.of(new FieldError("text", need.excessMessage()));
        }
        return Optional.empty();
    }
}
