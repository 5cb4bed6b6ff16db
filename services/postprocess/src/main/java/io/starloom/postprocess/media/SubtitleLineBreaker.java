package io.starloom.postprocess.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks narration into subtitle lines.
 *
 * <ul>
 * <li>Text with Chinese (CJK) characters: at most {@value #MAX_CJK_LINE} characters a line. Breaks go,
 * in this order of preference, after clause punctuation (，。！？；：、), then between words as ICU4J's
 * dictionary-based segmenter finds them, avoiding runs of single characters (transliterated names such
 * as 安德洛墨达 segment into single characters); never inside a four-character idiom — ICU splits many
 * of them (电|闪|雷鸣), so a four-character phrase set off by punctuation, and every idiom of a built-in
 * list, stays whole. A line never starts with closing punctuation (，。！？、」』）…) nor ends with
 * opening punctuation (「『（“…), and Latin words and numbers such as "M31" stay whole.</li>
 * <li>Other text: at most {@value #MAX_LATIN_LINE} characters a line, broken at spaces; only a word longer
 * than a line is cut.</li>
 * </ul>
 * Runs of white space become one space; no line starts or ends with one.
 */
final class SubtitleLineBreaker {
    static final int MAX_CJK_LINE = 16;
    static final int MAX_LATIN_LINE = 42;
    /** A preferred break leaves at least this many characters on the line. */
    private static final int MIN_FILL = 6;
    /** ...and leaves at least this many for the rest. */
    private static final int MIN_REST = 3;
    private static final String CLAUSE_END = "，。！？；：、,.!?;:";
    /** Idioms of star myths that ICU's dictionary splits and that may stand without punctuation around them. */
    private static final List<String> IDIOMS = List.of("电闪雷鸣", "风雨交加", "狂风暴雨", "惊涛骇浪", "翻江倒海", "天崩地裂",
            "地动山摇", "日月无光", "斗转星移", "天长地久", "海枯石烂", "一见钟情", "依依不舍", "悲痛欲绝", "遥遥相望", "星罗棋布",
            "浩瀚无垠", "风平浪静", "万籁俱寂", "雷霆万钧", "天各一方", "肝肠寸断", "泪流满面", "光芒万丈", "无影无踪");

    private SubtitleLineBreaker() {
    }

    static List<String> lines(String narration) {
        String text = narration.strip().replaceAll("(?U)\\s+", " ");
        if (text.isEmpty()) {
            return List.of();
        }
        return CjkText.containsCjk(text) ? cjkLines(text) : latinLines(text);
    }

    private static List<String> cjkLines(String string) {
        int[] text = string.codePoints().toArray();
        Segmentation words = Segmentation.of(string, text, IDIOMS);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (text.length - start > MAX_CJK_LINE) {
            int end = breakBefore(text, words, start, start + MAX_CJK_LINE);
            lines.add(new String(text, start, end - start).strip());
            start = skipSpaces(text, end);
        }
        lines.add(new String(text, start, text.length - start));
        return lines;
    }

    /**
     * The best break position in {@code (start, limit]}: the latest of the most preferred kind (see the
     * class comment); {@code limit} itself when no position honours the punctuation rules.
     */
    private static int breakBefore(int[] text, Segmentation words, int start, int limit) {
        for (int tier = 0; tier < 5; tier++) {
            for (int at = limit; at > start; at--) {
                if (acceptable(tier, text, words, start, at)) {
                    return at;
                }
            }
        }
        return limit;
    }

    private static boolean acceptable(int tier, int[] text, Segmentation words, int start, int at) {
        boolean rules = canBreak(text, start, at, tier < 4);
        if (!rules) {
            return false;
        }
        // Neither this line nor what follows it is left as a stub of a character or two.
        int rest = text.length - at;
        boolean filled = at - start >= MIN_FILL && (rest == 0 || rest >= MIN_REST);
        boolean word = words.boundary(at) && !words.insideIdiom(at);
        return switch (tier) {
            case 0 -> filled && afterClause(text, start, at);
            case 1 -> filled && word && !words.betweenSingles(at);
            case 2 -> word && (rest == 0 || rest >= MIN_REST);
            case 3 -> !words.insideIdiom(at);
            default -> true;
        };
    }

    /** Whether the line would end with clause punctuation (possibly followed by closing quotes or brackets). */
    private static boolean afterClause(int[] text, int start, int at) {
        for (int i = at - 1; i >= start; i--) {
            if (CLAUSE_END.indexOf(text[i]) >= 0) {
                return true;
            }
            if (!CjkText.isClosing(text[i]) && text[i] != ' ') {
                return false;
            }
        }
        return false;
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
