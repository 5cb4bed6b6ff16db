package io.starloom.scheduler.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.starloom.contracts.ProtoNames;
import io.starloom.mesh.support.narration.NarrationCapacity;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;

/**
 * Checks a submission before anything is stored. Malformed input is a 400; a resolution that no configured
 * model profile renders is a well-formed request this deployment cannot serve (422).
 */
public final class SubmissionValidator {
    private static final int MAX_REQUEST_ID_LENGTH = 128;
    /** What a profile name may look like (profile files are named after them). */
    private static final java.util.regex.Pattern PROFILE_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final int maxTextLength;
    private final Map<String, String> profileByResolution;
    private final NarrationCheck narration;
    private final List<Language> translationLanguages;
    private final List<String> voices;

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
        this(maxTextLength, profileByResolution, narration, List.of());
    }

    /**
     * @param translationLanguages the languages a second subtitle track may be asked in (empty: none)
     */
    public SubmissionValidator(int maxTextLength, Map<String, String> profileByResolution, NarrationCheck narration,
            List<Language> translationLanguages) {
        this(maxTextLength, profileByResolution, narration, translationLanguages, List.of());
    }

    /**
     * @param voices the narration voices the deployment offers (empty: any well-formed one)
     */
    public SubmissionValidator(int maxTextLength, Map<String, String> profileByResolution, NarrationCheck narration,
            List<Language> translationLanguages, List<String> voices) {
        this.maxTextLength = maxTextLength;
        this.profileByResolution = Map.copyOf(profileByResolution);
        this.narration = narration;
        this.translationLanguages = List.copyOf(translationLanguages);
        this.voices = List.copyOf(voices);
    }

    /**
     * Returns the model profile that will render the story — the one named, else the resolution's — or throws
     * with every problem found. Whether a worker serves it is checked later (ServedProfiles).
     */
    public String validate(Submission submission) {
        List<FieldError> errors = new ArrayList<>();
        String text = submission.text();
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("text", ErrorCode.TEXT_REQUIRED));
        } else if (text.codePointCount(0, text.length()) > maxTextLength) {
            errors.add(new FieldError("text", ErrorCode.TEXT_TOO_LONG, maxTextLength, text.codePointCount(0, text.length())));
        } else {
            Optional<FieldError> notText = notText("text", text);
            notText.ifPresent(errors::add);
            if (notText.isEmpty()) {
                narration.check(text, submission.language()).ifPresent(errors::add);
            }
        }
        String requestId = submission.requestId();
        if (requestId != null && requestId.length() > MAX_REQUEST_ID_LENGTH) {
            errors.add(new FieldError("requestId", ErrorCode.REQUEST_ID_TOO_LONG, MAX_REQUEST_ID_LENGTH));
        } else if (requestId != null) {
            notText("requestId", requestId).ifPresent(errors::add);
        }
        if (submission.namesProfile() && !PROFILE_NAME.matcher(submission.profile()).matches()) {
            errors.add(new FieldError("profile", ErrorCode.PROFILE_NAME_INVALID));
        }
        errors.addAll(submission.film().errors());
        errors.addAll(submission.options().errors());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors, false);
        }
        List<FieldError> unserved = new ArrayList<>();
        translationError(submission).ifPresent(unserved::add);
        voiceError(submission).ifPresent(unserved::add);
        if (!unserved.isEmpty()) {
            throw new InvalidRequestException(unserved, true);
        }
        if (submission.namesProfile()) {
            return submission.profile();
        }
        String key = resolutionKey(submission.resolution());
        return Optional.ofNullable(profileByResolution.get(key)).orElseThrow(() -> new InvalidRequestException(
                List.of(new FieldError("resolution", ErrorCode.RESOLUTION_NOT_OFFERED, key,
                        String.join(", ", profileByResolution.keySet().stream().sorted().toList()))),
                true));
    }

    /**
     * Why the translation asked for cannot be made here: a well-formed request this deployment cannot serve (422),
     * either the story's own language (as given or detected, as enrichment detects it) or one not offered.
     */
    private Optional<FieldError> translationError(Submission submission) {
        Language translation = submission.options().translationLanguage();
        if (!ProtoNames.isSpecified(translation)) {
            return Optional.empty();
        }
        if (translation == NarrationCapacity.languageOf(submission.text(), submission.language())) {
            return Optional.of(new FieldError("translationLanguage", ErrorCode.TRANSLATION_SAME_LANGUAGE, ProtoNames.shortName(translation)));
        }
        if (!translationLanguages.contains(translation)) {
            return Optional.of(new FieldError("translationLanguage", ErrorCode.TRANSLATION_NOT_OFFERED, ProtoNames.shortName(translation),
                    String.join(", ", translationLanguages.stream().map(ProtoNames::shortName).toList()), translationLanguages.size()));
        }
        return Optional.empty();
    }

    /** A well-formed voice this deployment does not offer (422), where it lists its voices. */
    private Optional<FieldError> voiceError(Submission submission) {
        String voice = submission.film().voice();
        if (voice.isEmpty() || voices.isEmpty() || voices.contains(voice)) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("voice", ErrorCode.VOICE_NOT_OFFERED, voice, String.join(", ", voices)));
    }

    /** The translation languages offered, in configured order. */
    public List<Language> translationLanguages() {
        return translationLanguages;
    }

    /**
     * Why {@code value} is not plain text, if it is not. PostgreSQL refuses NUL outright, other control
     * characters are never meant in a story, and a lone UTF-16 surrogate (a JSON escape can produce one)
     * has no UTF-8 form to store.
     */
    private static Optional<FieldError> notText(String field, String value) {
        int[] codePoints = value.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (Character.getType(c) == Character.SURROGATE) {
                return Optional.of(new FieldError(field, ErrorCode.TEXT_UNPAIRED_SURROGATE, String.format("%04X", c), i + 1));
            }
            if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t') {
                return Optional.of(new FieldError(field, ErrorCode.TEXT_CONTROL_CHARACTER, String.format("%04X", c), i + 1));
            }
        }
        return Optional.empty();
    }

    /** "720p" for RESOLUTION_720P; the default resolution is 720p. */
    public static String resolutionKey(Resolution resolution) {
        return ProtoNames.isSpecified(resolution) ? ProtoNames.shortName(resolution) : "720p";
    }
}
