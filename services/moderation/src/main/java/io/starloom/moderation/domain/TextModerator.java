package io.starloom.moderation.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Verdict;

/**
 * Judges texts with the {@link TextScreener}: any finding blocks (the lists hold only clearly forbidden
 * content); no finding allows. {@code VERDICT_REVIEW} waits for the human review queue of roadmap item 4.
 */
@ApplicationScoped
public class TextModerator {
    private final TextScreener screener;

    public TextModerator(TextScreener screener) {
        this.screener = screener;
    }

    /**
     * Judges every text. Findings come text by text, in the order given; each finding's span is a
     * code-point offset into the text it was found in.
     */
    public Judgement judge(List<String> texts) {
        List<Finding> findings = new ArrayList<>();
        texts.forEach(text -> findings.addAll(screener.screen(text)));
        return new Judgement(findings.isEmpty() ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_BLOCK, List.copyOf(findings));
    }
}
