package io.starloom.moderation.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Severity;

/**
 * Findings that no single word makes: cues that together, in one sentence, mean something none of them
 * means alone. "Naked" is classical art and "child" is a myth's hero, but "naked" and "child" in one
 * sentence is sexual content with a minor; "entrails" is anatomy and "spill" is water, together they are
 * gore; "how to" and "suicide" together are self-harm instructions, while "Ajax took his own life" is a
 * story. Each rule needs every cue of one of its alternatives.
 */
final class ContextRules {
    /**
     * @param id stable name, reported as the finding's rule
     * @param alternatives each an array of cues that must all occur in the sentence
     */
    record Rule(String id, Category category, Severity severity, Cue[]... alternatives) {
    }

    private static Cue[] all(Cue... cues) {
        return cues;
    }

    static final List<Rule> RULES = List.of(
            new Rule("minor-and-sexual", Category.CATEGORY_SEXUAL_MINORS, Severity.SEVERITY_CRITICAL,
                    all(Cue.MINOR, Cue.SEXUAL), all(Cue.MINOR, Cue.NUDITY), all(Cue.MINOR, Cue.EXPLICIT)),
            new Rule("minor-and-torture", Category.CATEGORY_VIOLENCE_GRAPHIC, Severity.SEVERITY_CRITICAL, all(Cue.MINOR, Cue.TORTURE)),
            new Rule("explicit-nudity", Category.CATEGORY_SEXUAL, Severity.SEVERITY_HIGH, all(Cue.NUDITY, Cue.EXPLICIT),
                    all(Cue.NUDITY, Cue.SEXUAL), all(Cue.SEXUAL, Cue.EXPLICIT)),
            new Rule("gore", Category.CATEGORY_VIOLENCE_GRAPHIC, Severity.SEVERITY_CRITICAL, all(Cue.BODY_INSIDE, Cue.SPILL),
                    all(Cue.BLOOD, Cue.SPRAY), all(Cue.GRAPHIC, Cue.VISUAL), all(Cue.GRAPHIC, Cue.BLOOD), all(Cue.GRAPHIC, Cue.BODY_INSIDE),
                    all(Cue.TORTURE, Cue.VISUAL), all(Cue.BODY_INSIDE, Cue.VISUAL)),
            new Rule("self-harm-instructions", Category.CATEGORY_SELF_HARM_INSTRUCTIONS, Severity.SEVERITY_CRITICAL,
                    all(Cue.SELF_HARM, Cue.INSTRUCTION)),
            new Rule("illicit-how-to", Category.CATEGORY_ILLICIT, Severity.SEVERITY_HIGH, all(Cue.ILLICIT_OBJECT, Cue.INSTRUCTION),
                    all(Cue.ILLICIT_OBJECT, Cue.ACQUIRE)),
            new Rule("dehumanising-a-group", Category.CATEGORY_HATE, Severity.SEVERITY_HIGH, all(Cue.GROUP, Cue.DEHUMANISE)),
            new Rule("ignore-instructions", Category.CATEGORY_PROMPT_INJECTION, Severity.SEVERITY_HIGH, all(Cue.IGNORE, Cue.PRIOR, Cue.DIRECTIVE)),
            // "Instead, Zeus created a woman" is a story too: a person looks rather than a block.
            new Rule("instead-generate", Category.CATEGORY_PROMPT_INJECTION, Severity.SEVERITY_MEDIUM, all(Cue.INSTEAD, Cue.GENERATE)));

    /** A rule that fired, with the cue hits that made it. */
    record Fired(Rule rule, List<Hit> hits) {
        int start() {
            return hits.stream().mapToInt(Hit::start).min().orElseThrow();
        }

        int end() {
            return hits.stream().mapToInt(Hit::end).max().orElseThrow();
        }
    }

    private ContextRules() {
    }

    /** Every rule that fires in some sentence, once per sentence. */
    static List<Fired> apply(List<Hit> hits) {
        List<Fired> fired = new ArrayList<>();
        int from = 0;
        while (from < hits.size()) {
            int sentence = hits.get(from).sentence();
            int to = from;
            Map<Cue, Hit> cues = new EnumMap<>(Cue.class);
            while (to < hits.size() && hits.get(to).sentence() == sentence) {
                Hit hit = hits.get(to);
                if (hit.meaning().kind() == Meaning.Kind.CUE) {
                    cues.putIfAbsent(hit.meaning().cue(), hit);
                }
                to++;
            }
            if (cues.size() >= 2) {
                for (Rule rule : RULES) {
                    for (Cue[] alternative : rule.alternatives()) {
                        if (java.util.Arrays.stream(alternative).allMatch(cues::containsKey)) {
                            fired.add(new Fired(rule, java.util.Arrays.stream(alternative).map(cues::get).toList()));
                            break;
                        }
                    }
                }
            }
            from = to;
        }
        return fired;
    }
}
