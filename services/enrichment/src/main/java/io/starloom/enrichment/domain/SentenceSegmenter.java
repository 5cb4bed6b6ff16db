package io.starloom.enrichment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.ibm.icu.text.BreakIterator;

/**
 * Sentences of a story with ICU's sentence rules (UAX #29, which know 。！？ as well as . ! ? and keep
 * "Mr." or "3.14" whole), each line break also ending one. Closing quotes and brackets stay with their sentence.
 */
public final class SentenceSegmenter {
    private static final ThreadLocal<BreakIterator> SENTENCES = ThreadLocal.withInitial(() -> BreakIterator.getSentenceInstance(Locale.ROOT));

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\\u3000]+");

    private SentenceSegmenter() {
    }

    /** Trimmed, non-empty sentences in order; inner runs of white space collapsed. */
    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = SENTENCES.get();
        for (String line : text.split("\\R")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (collapsed.isEmpty()) {
                continue;
            }
            iterator.setText(collapsed);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                String sentence = collapsed.substring(start, end).strip();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
    }
}
