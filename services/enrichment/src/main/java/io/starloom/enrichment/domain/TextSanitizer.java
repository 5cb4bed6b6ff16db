package io.starloom.enrichment.domain;

import java.text.Normalizer;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Makes story text safe to plan from, without changing what it says: control characters (other than line
 * breaks and tabs), bidirectional overrides and isolates, zero-width characters, emoji and pictographs are
 * removed, and combining marks beyond two on one letter (zalgo) are dropped. NFC keeps accented letters whole.
 */
public final class TextSanitizer {
    private static final int MAX_MARKS_PER_LETTER = 2;

    private TextSanitizer() {
    }

    public static String clean(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        int marks = 0;
        boolean hanBase = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                // Chinese characters take no combining marks: any on them is noise.
                if (!hanBase && ++marks <= MAX_MARKS_PER_LETTER) {
                    out.appendCodePoint(cp);
                }
                continue;
            }
            marks = 0;
            hanBase = io.starloom.mesh.support.narration.Scripts.isHan(cp);
            if (cp == '\n' || cp == '\t') {
                out.appendCodePoint(cp);
            } else if (cp == '\r') {
                continue;
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                // bidi overrides (U+202A..202E, 2066..2069), zero-width joiners and spaces, BOM are FORMAT
                continue;
            } else if (UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC) || cp == 0xFE0F || cp == 0xFE0E
                    || UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)) {
                continue;
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
