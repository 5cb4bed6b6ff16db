package io.starloom.mesh.support.narration;

/** Which writing system a code point belongs to, as far as Chinese and English stories care. */
public final class Scripts {

    private Scripts() {
    }

    /** A letter of a Latin-script word or a digit: the stuff English words and numbers are made of. */
    public static boolean isLatinWordChar(int cp) {
        return Character.isDigit(cp) || isLatinLetter(cp);
    }

    public static boolean isLatinLetter(int cp) {
        return Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }

    public static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /**
     * Chinese, Japanese or Korean script, CJK punctuation or a full-width form: what makes postprocess break a
     * subtitle line after 16 characters rather than 42.
     */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
