package io.starloom.enrichment.domain;

/** Tidying of the punctuation at the edges of a beat, for titles, scenes and narration lines. */
final class Punctuation {
    /** Marks that leave a clause open: a narration line does not end on them. */
    private static final String OPEN_ENDS = "，,、；;：:—-";

    private Punctuation() {
    }

    /** Without any punctuation or space at either end: "安德洛墨达被锁在海边岩石上" from "安德洛墨达被锁在海边岩石上，". */
    static String stripEdges(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isEdgeMark(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isEdgeMark(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** A beat as a narration line: trimmed, without a dangling comma or semicolon at its end. */
    static String asNarration(String beat) {
        String line = beat.strip();
        while (!line.isEmpty() && (OPEN_ENDS.indexOf(line.charAt(line.length() - 1)) >= 0)) {
            line = line.substring(0, line.length() - 1).stripTrailing();
        }
        return line;
    }

    private static boolean isEdgeMark(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || !Character.isLetterOrDigit(cp)
                && Character.getType(cp) != Character.OTHER_SYMBOL;
    }
}
