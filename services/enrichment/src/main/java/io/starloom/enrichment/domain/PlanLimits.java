package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;

import io.starloom.proto.v1.PlanOptions;

/**
 * The size a film may have: shots of the model profile's length, between a minimum and a maximum, as close
 * to a target length as the narration allows. Requests may narrow the deployment's limits, never widen them.
 */
record PlanLimits(int shotSeconds, int minShots, int maxShots, int targetSeconds) {
    static final int MIN_TARGET_SECONDS = 5;
    static final int MAX_TARGET_SECONDS = 300;

    /** The wanted number of shots: the target length in shots, within the limits; 0 when no target. */
    int targetShots() {
        if (targetSeconds == 0) {
            return 0;
        }
        return Math.max(minShots, Math.min(maxShots, Math.round((float) targetSeconds / shotSeconds)));
    }

    /** The limits for a request, or the violations of its options. */
    static PlanLimits of(PlanOptions options, int shotSeconds, int deploymentMaxShots, List<FieldViolation> violations) {
        List<FieldViolation> found = new ArrayList<>();
        int min = options.getMinShots();
        int max = options.getMaxShots();
        int target = options.getTargetSeconds();
        if (min < 0 || min > deploymentMaxShots) {
            found.add(new FieldViolation("options.min_shots", "INVALID_OPTIONS",
                    "min_shots must be from 1 to " + deploymentMaxShots + " (0 for the default), not " + min));
        }
        if (max < 0 || max > deploymentMaxShots) {
            found.add(new FieldViolation("options.max_shots", "INVALID_OPTIONS",
                    "max_shots must be from 1 to " + deploymentMaxShots + " (0 for the default), not " + max));
        }
        if (min > 0 && max > 0 && min > max) {
            found.add(new FieldViolation("options.min_shots", "INVALID_OPTIONS", "min_shots " + min + " is more than max_shots " + max));
        }
        if (target != 0 && (target < MIN_TARGET_SECONDS || target > MAX_TARGET_SECONDS)) {
            found.add(new FieldViolation("options.target_seconds", "INVALID_OPTIONS",
                    "target_seconds must be from " + MIN_TARGET_SECONDS + " to " + MAX_TARGET_SECONDS + " (0 for none), not " + target));
        }
        violations.addAll(found);
        if (!found.isEmpty()) {
            return null;
        }
        int maxShots = max > 0 ? max : deploymentMaxShots;
        return new PlanLimits(shotSeconds, min > 0 ? min : 1, maxShots, target);
    }
}
