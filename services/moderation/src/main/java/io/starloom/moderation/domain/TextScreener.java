package io.starloom.moderation.domain;

import java.util.List;

import io.starloom.proto.v1.Finding;

/**
 * Finds clearly forbidden content in a text. Today a word-list matcher ({@link WordListScreener});
 * roadmap item 4 (myth-aware safety) brings com.github.houbb:sensitive-word with its large lexicon
 * and context rules, and classifiers, behind this same interface.
 */
public interface TextScreener {

    /** Every finding in {@code text}, in order of position; spans are Unicode code-point offsets into {@code text}. */
    List<Finding> screen(String text);
}
