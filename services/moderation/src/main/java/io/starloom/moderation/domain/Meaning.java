package io.starloom.moderation.domain;

import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Severity;

/**
 * What a lexicon entry means when it matches: a finding of its own (a deny entry), a {@link Cue} for the
 * context rules, or innocent text that cancels findings inside it (an allow entry).
 *
 * @param display the entry as its list writes it, reported as the finding's term
 * @param openEnded the list wrote {@code word*}: a Latin-script word may go on ("disembowel*" matches "disembowelled")
 */
record Meaning(Kind kind, Category category, Severity severity, Cue cue, String display, boolean openEnded) {
    enum Kind {
        DENY, CUE, ALLOW
    }

    static Meaning deny(Category category, Severity severity, String display, boolean openEnded) {
        return new Meaning(Kind.DENY, category, severity, null, display, openEnded);
    }

    static Meaning cue(Cue cue, String display, boolean openEnded) {
        return new Meaning(Kind.CUE, Category.CATEGORY_UNSPECIFIED, Severity.SEVERITY_UNSPECIFIED, cue, display, openEnded);
    }

    static Meaning allow(String display, boolean openEnded) {
        return new Meaning(Kind.ALLOW, Category.CATEGORY_UNSPECIFIED, Severity.SEVERITY_UNSPECIFIED, null, display, openEnded);
    }
}
