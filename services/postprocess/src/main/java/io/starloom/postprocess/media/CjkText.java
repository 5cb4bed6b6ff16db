package io.starloom.postprocess.media;

/** Character classes that Chinese line-breaking rules (and language detection) care about. */
final class CjkText {
    /** May not begin a line: they close what came before (kinsoku, "no line start"). */
    private static final String CLOSING = "，。！？、；：」』）》〉】〕〗］｝”’…—～·‥,.!?;:)]}%";
    /** May not end a line: they open what comes after. */
    private static final String OPENING = "「『（《〈【〔〖［｛“‘([{";

    private CjkText() {
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    static boolean containsCjk(String text) {
        return text.codePoints().anyMatch(CjkText::isCjk);
    }

    static boolean isClosing(int codePoint) {
        return CLOSING.indexOf(codePoint) >= 0;
    }

    static boolean isOpening(int codePoint) {
        return OPENING.indexOf(codePoint) >= 0;
    }

    /** A letter or digit of a word that should stay whole, such as "M31" inside Chinese text. */
    static boolean isWordCharacter(int codePoint) {
        return Character.isLetterOrDigit(codePoint) && !isCjk(codePoint);
    }
}
