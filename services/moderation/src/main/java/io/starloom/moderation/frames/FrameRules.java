package io.starloom.moderation.frames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Category;

/**
 * The thresholds of one classifier's labels: a frame whose score for a label reaches the label's threshold
 * is flagged with the label's category. Labels without a rule (nsfwjs' drawing, neutral) never flag.
 */
public final class FrameRules {
    /** One label's rule. */
    public record Rule(String label, double threshold, Category category) {
    }

    /** A label that reached its threshold on one frame. */
    public record Hit(Rule rule, float score) {
    }

    private final Map<String, Rule> rules;

    private FrameRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    /**
     * Checks the configuration against what the classifier scores.
     *
     * @param thresholds label to threshold, from configuration
     * @param categories label to category short name, from configuration
     * @param labels the classifier's labels; a rule for another label is a configuration error
     * @throws IllegalArgumentException naming the first bad rule
     */
    public static FrameRules of(Map<String, Double> thresholds, Map<String, String> categories, List<String> labels) {
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("no frame rule is configured: every frame would be allowed");
        }
        Map<String, Rule> rules = new TreeMap<>();
        thresholds.forEach((configured, threshold) -> {
            String label = FrameClassifier.normalise(configured);
            if (!labels.contains(label)) {
                throw new IllegalArgumentException("frame rule '" + configured + "' names no label of the classifier " + labels);
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("frame rule '" + configured + "': threshold " + threshold + " is not in (0, 1]");
            }
            String category = categories.get(configured);
            Category parsed = ProtoNames.parseShortName(Category.class, category == null ? "" : category)
                    .filter(ProtoNames::isSpecified)
                    .orElseThrow(() -> new IllegalArgumentException("frame rule '" + configured + "': category '" + category
                            + "' is none of " + ProtoNames.shortNames(Category.class)));
            rules.put(label, new Rule(label, threshold, parsed));
        });
        return new FrameRules(rules);
    }

    /** The labels that reached their thresholds, highest score first. */
    public List<Hit> hits(Map<String, Float> scores) {
        List<Hit> hits = new ArrayList<>();
        rules.forEach((label, rule) -> {
            Float score = scores.get(label);
            if (score != null && score >= rule.threshold()) {
                hits.add(new Hit(rule, score));
            }
        });
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits;
    }

    public Map<String, Rule> rules() {
        return rules;
    }
}
