package io.starloom.postprocess.media;

/**
 * How long a subtitle must stay up to be read: at most 9 Chinese characters or 17 Latin characters a
 * second (common broadcast limits for adult viewers), and never under a second. Shots hold long enough
 * for this even when the speech is quicker.
 */
final class ReadingSpeed {
    static final double CJK_PER_SECOND = 9;
    static final double LATIN_PER_SECOND = 17;
    static final double MIN_SECONDS = 1.0;

    private ReadingSpeed() {
    }

    static double seconds(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return 0;
        }
        long characters = stripped.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        double rate = CjkText.containsCjk(stripped) ? CJK_PER_SECOND : LATIN_PER_SECOND;
        return Math.max(MIN_SECONDS, characters / rate);
    }
}
