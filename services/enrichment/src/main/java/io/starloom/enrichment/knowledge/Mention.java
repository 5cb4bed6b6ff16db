package io.starloom.enrichment.knowledge;

import java.util.List;

/**
 * A name found in a text: where (in the folded text), the words as written there, and everything it may
 * stand for ("织女" is the Weaver Girl and her asterism; "Andromeda" the princess and her constellation).
 */
public record Mention(int start, int end, String term, List<Target> targets) {

    public boolean is(Target.Kind kind) {
        return targets.stream().anyMatch(t -> t.kind() == kind);
    }
}
