package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;

import io.starloom.proto.v1.Assumption;
import io.starloom.proto.v1.Language;

/** What the planner decided that the story left open, in the story's language. */
final class Assumptions {
    static final int STORY = -1;

    private final Language language;
    private final List<Assumption> list = new ArrayList<>();

    Assumptions(Language language) {
        this.language = language;
    }

    void add(int shot, String kind, String zh, String en) {
        Assumption assumption = Assumption.newBuilder().setShotIndex(shot).setKind(kind)
                .setText(language == Language.LANGUAGE_ZH ? zh : en).build();
        if (!list.contains(assumption)) {
            list.add(assumption);
        }
    }

    List<Assumption> all() {
        return list;
    }
}
