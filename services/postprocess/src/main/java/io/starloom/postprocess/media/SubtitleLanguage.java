package io.starloom.postprocess.media;

import java.util.List;

import io.starloom.proto.v1.Language;

/** Language of a film's subtitle track, as MP4 metadata: ISO 639-2 code and a track name. */
public enum SubtitleLanguage {
    CHINESE("chi", "中文"),
    ENGLISH("eng", "English");

    private final String iso639;
    private final String trackName;

    SubtitleLanguage(String iso639, String trackName) {
        this.iso639 = iso639;
        this.trackName = trackName;
    }

    /** The story's language, or when it is unspecified the narration's: Chinese if any has CJK characters. */
    public static SubtitleLanguage of(Language language, List<String> narrations) {
        return switch (language) {
            case LANGUAGE_ZH -> CHINESE;
            case LANGUAGE_EN -> ENGLISH;
            default -> narrations.stream().anyMatch(CjkText::containsCjk) ? CHINESE : ENGLISH;
        };
    }

    /** The language of a translation track; empty when the command carries none. */
    public static java.util.Optional<SubtitleLanguage> translation(Language language) {
        return switch (language) {
            case LANGUAGE_ZH -> java.util.Optional.of(CHINESE);
            case LANGUAGE_EN -> java.util.Optional.of(ENGLISH);
            default -> java.util.Optional.empty();
        };
    }

    public Language language() {
        return this == CHINESE ? Language.LANGUAGE_ZH : Language.LANGUAGE_EN;
    }

    public String iso639() {
        return iso639;
    }

    public String trackName() {
        return trackName;
    }
}
