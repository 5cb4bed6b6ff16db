package io.starloom.moderation.domain;

/** One lexicon match in a {@link FoldedText}: folded letters [start, end) and what the entry means. */
record Hit(Meaning meaning, int start, int end, int sentence) {
    boolean within(Hit other) {
        return other.start <= start && end <= other.end;
    }
}
