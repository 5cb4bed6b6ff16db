package io.starloom.enrichment.text;

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
}
