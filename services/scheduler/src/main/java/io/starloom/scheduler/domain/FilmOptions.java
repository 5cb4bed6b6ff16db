package io.starloom.scheduler.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.starloom.proto.v1.AspectRatio;

/**
 * How a story's film is delivered, as the caller chose: the narration voice (a name the configured TTS
 * engine knows, empty for the language's default), the picture's shape and whether subtitles are drawn in.
 */
public record FilmOptions(String voice, AspectRatio aspectRatio, boolean burnInSubtitles) {
    public static final FilmOptions DEFAULT = new FilmOptions("", AspectRatio.ASPECT_RATIO_UNSPECIFIED, false);
    private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public FilmOptions {
        voice = voice == null ? "" : voice;
        aspectRatio = aspectRatio == null ? AspectRatio.ASPECT_RATIO_UNSPECIFIED : aspectRatio;
    }

    /** What is wrong with the options, field by field. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (!voice.isEmpty() && !VOICE.matcher(voice).matches()) {
            errors.add(new FieldError("voice", ErrorCode.VOICE_NAME_INVALID));
        }
        if (aspectRatio == AspectRatio.UNRECOGNIZED) {
            errors.add(new FieldError("aspectRatio", ErrorCode.ASPECT_RATIO_UNKNOWN));
        }
        return errors;
    }

    /**
     * The film's frame size for a model profile's frame size: 16:9 keeps the profile's size (rounded to even),
     * 9:16 swaps it to portrait, 1:1 takes the shorter side.
     */
    public int[] frameSize(int profileWidth, int profileHeight) {
        int longSide = Math.max(profileWidth, profileHeight) & ~1;
        int shortSide = Math.min(profileWidth, profileHeight) & ~1;
        return switch (aspectRatio) {
            case ASPECT_RATIO_9_16 -> new int[] { shortSide, (int) (Math.round(shortSide * 16 / 9.0 / 2) * 2) };
            case ASPECT_RATIO_1_1 -> new int[] { shortSide, shortSide };
            default -> new int[] { profileWidth & ~1, profileHeight & ~1 };
        };
    }
}
