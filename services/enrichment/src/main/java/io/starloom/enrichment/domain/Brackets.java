package io.starloom.enrichment.domain;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps brackets and quotes paired in prompt text: a cut beat or an edited prompt may open 「 or “ and never
 * close it (Wan2.2's tokenizer then reads the rest of the prompt as quoted). Unclosed openers are closed at
 * the end in the right order; a closer with no opener is dropped.
 */
public final class Brackets {
    private static final String OPEN = "「『“‘（(《【〈[{";
    private static final String CLOSE = "」』”’）)》】〉]}";

    private Brackets() {
    }

    public static String balance(String text) {
        if (!hasBracket(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 4);
        Deque<Character> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!mayBeBracket(c)) {
                out.append(c);
                continue;
            }
            int opener = OPEN.indexOf(c);
            int closer = CLOSE.indexOf(c);
            if (opener >= 0) {
                open.push(CLOSE.charAt(opener));
                out.append(c);
            } else if (closer >= 0) {
                if (!open.isEmpty() && open.peek() == c) {
                    open.pop();
                    out.append(c);
                } else if (open.contains(c)) {
                    // close what was left open inside, then this one
                    while (open.peek() != c) {
                        out.append(open.pop());
                    }
                    out.append(open.pop());
                }
            } else if (c == '"') {
                // straight double quotes pair among themselves
                if (!open.isEmpty() && open.peek() == '"') {
                    open.pop();
                } else {
                    open.push('"');
                }
                out.append(c);
            } else {
                out.append(c);
            }
        }
        while (!open.isEmpty()) {
            out.append(open.pop());
        }
        return out.toString();
    }

    /** A cheap range test first: every bracket and quote above lies in one of these blocks. */
    private static boolean mayBeBracket(char c) {
        return c < 0x80 ? c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}'
                : c >= '\u2018' && c <= '\u201d' || c >= '\u3008' && c <= '\u3011' || c == '\uff08' || c == '\uff09';
    }

    /** Most prompt parts have no bracket or quote at all: they need no rebuilding. */
    private static boolean hasBracket(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (mayBeBracket(c) && (c == '"' || OPEN.indexOf(c) >= 0 || CLOSE.indexOf(c) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** True when every opener has its closer, in order. */
    public static boolean balanced(String text) {
        return balance(text).equals(text);
    }
}
