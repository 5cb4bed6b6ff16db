package io.starloom.enrichment.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The story cannot become a storyboard as it is; retrying will not help. */
public class UnenrichableStoryException extends RuntimeException {
    private final List<FieldViolation> violations;

    public UnenrichableStoryException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::description).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The reason of the first violation, e.g. {@code EMPTY_TEXT}. */
    public String reason() {
        return violations.get(0).reason();
    }
}
