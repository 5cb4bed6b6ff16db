package io.starloom.postprocess.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks narration into subtitle lines.
 *
 * <ul>
 * <li>Text with Chinese (CJK) characters: at most {@value #MAX_CJK_LINE} characters a line. A line may
 * break between any two characters, but never starts with closing punctuation (，。！？、」』）…) nor ends
 * with opening punctuation (「『（“…); Latin words and numbers such as "M31" stay whole where they can.</li>
 * <li>Other text: at most {@value #MAX_LATIN_LINE} characters a line, broken at spaces; only a word longer
 * than a line is cut.</li>
 * </ul>
 * Runs of white space become one space; no line starts or ends with one.
 */
final class SubtitleLineBreaker {
    static final int MAX_CJK_LINE = 16;
    static final int MAX_LATIN_LINE = 42;

    private SubtitleLineBreaker() {
    }

    static List<String> lines(String narration) {
        String text = narration.strip().replaceAll("(?U)\\s+", " ");
        if (text.isEmpty()) {
            return List.of();
        }
        return CjkText.containsCjk(text) ? cjkLines(text.codePoints().toArray()) : latinLines(text);
    }

    private static List<String> cjkLines(int[] text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (text.length - start > MAX_CJK_LINE) {
            int end = breakBefore(text, start, start + MAX_CJK_LINE);
            lines.add(new String(text, start, end - start).strip());
            start = skipSpaces(text, end);
        }
        lines.add(new String(text, start, text.length - start));
        return lines;
    }

    /**
     * The latest break position in {@code (start, limit]} that honours the punctuation rules, keeping
     * words whole if possible; {@code limit} itself when no position honours them.
     */
    private static int breakBefore(int[] text, int start, int limit) {
        for (boolean keepWordsWhole : new boolean[] { true, false }) {
            for (int at = limit; at > start; at--) {
                if (canBreak(text, start, at, keepWordsWhole)) {
                    return at;
                }
            }
        }
        return limit;
    }

    private static boolean canBreak(int[] text, int start, int at, boolean keepWordsWhole) {
        int lastOfLine = at - 1;
        while (lastOfLine >= start && text[lastOfLine] == ' ') {
            lastOfLine--;
        }
        if (lastOfLine < start) {
            return false;
        }
        int firstOfNext = text[skipSpaces(text, at)];
        if (CjkText.isClosing(firstOfNext) || CjkText.isOpening(text[lastOfLine])) {
            return false;
        }
        return !keepWordsWhole || !(CjkText.isWordCharacter(text[at - 1]) && CjkText.isWordCharacter(text[at]));
    }

    private static int skipSpaces(int[] text, int from) {
        int at = from;
        while (at < text.length && text[at] == ' ') {
            at++;
        }
        return at;
    }

    private static List<String> latinLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            int lineLength = line.codePointCount(0, line.length());
            int wordLength = word.codePointCount(0, word.length());
            if (lineLength > 0 && lineLength + 1 + wordLength <= MAX_LATIN_LINE) {
                line.append(' ').append(word);
                continue;
            }
            if (lineLength > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (rest.codePointCount(0, rest.length()) > MAX_LATIN_LINE) {
                int cut = rest.offsetByCodePoints(0, MAX_LATIN_LINE);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }
}
