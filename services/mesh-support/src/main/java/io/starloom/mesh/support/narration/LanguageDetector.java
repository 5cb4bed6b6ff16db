package io.starloom.mesh.support.narration;

import io.starloom.proto.v1.Language;

/** Tells Chinese from English by the share of Han characters in the text. */
public final class LanguageDetector {

    private LanguageDetector() {
    }

    /**
     * Chinese when Han characters make up at least half of the text's reading units, where a Han
     * character and a Latin word count as one unit each (so a few Chinese names in an English story,
     * or a few English names in a Chinese one, do not flip the language).
     */
    public static Language detect(String text) {
        long han = text.codePoints().filter(Scripts::isHan).count();
        long latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean latin = Scripts.isLatinLetter(cp);
            if (latin && !inWord) {
                latinWords++;
            }
            inWord = latin;
            i += Character.charCount(cp);
        }
        return han > 0 && han >= latinWords ? Language.LANGUAGE_ZH : Language.LANGUAGE_EN;
    }
}
