package io.starloom.scheduler.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.starloom.proto.v1.Resolution;

/**
 * Checks a submission before anything is stored. Malformed input is a 400; a resolution that no configured
 * model profile renders is a well-formed request this deployment cannot serve (422).
 */
public final class SubmissionValidator {
    private static final int MAX_REQUEST_ID_LENGTH = 128;

    private final int maxTextLength;
    private final Map<String, String> profileByResolution;
    private final NarrationCheck narration;

    /**
     * Without the narration check (a story of any length up to {@code maxTextLength} passes).
     *
     * @param profileByResolution resolution key ("720p") → model profile name
     */
    public SubmissionValidator(int maxTextLength, Map<String, String> profileByResolution) {
        this(maxTextLength, profileByResolution, NarrationCheck.NONE);
    }

    /**
     * @param profileByResolution resolution key ("720p") → model profile name
     * @param narration refuses a story with more narration than one film carries
     */
    public SubmissionValidator(int maxTextLength, Map<String, String> profileByResolution, NarrationCheck narration) {
        this.maxTextLength = maxTextLength;
        this.profileByResolution = Map.copyOf(profileByResolution);
        this.narration = narration;
    }

    /** Returns the model profile that will render the story, or throws with every problem found. */
    public String validate(Submission submission) {
        List<FieldError> errors = new ArrayList<>();
        String text = submission.text();
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", "a story is required and must not be blank"));
        } else if (text.codePointCount(0, text.length()) > maxTextLength) {
            errors.add(new FieldError("text", "a story may have at most " + maxTextLength + " characters, this one has "
                    + text.codePointCount(0, text.length())));
        } else {
            narration.check(text, submission.language()).ifPresent(errors::add);
        }
        if (submission.requestId() != null && submission.requestId().length() > MAX_REQUEST_ID_LENGTH) {
            errors.add(new FieldError("requestId", "at most " + MAX_REQUEST_ID_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors, false);
        }
        String key = resolutionKey(submission.resolution());
        return Optional.ofNullable(profileByResolution.get(key)).orElseThrow(() -> new InvalidRequestException(
                List.of(new FieldError("resolution", key + " is not offered by this deployment; offered: "
                        + String.join(", ", profileByResolution.keySet().stream().sorted().toList()))),
                true));
    }

    /** "720p" for RESOLUTION_720P; the default resolution is 720p. */
    public static String resolutionKey(Resolution resolution) {
        return switch (resolution) {
            case RESOLUTION_480P -> "480p";
            case RESOLUTION_1080P -> "1080p";
            default -> "720p";
        };
    }
}
