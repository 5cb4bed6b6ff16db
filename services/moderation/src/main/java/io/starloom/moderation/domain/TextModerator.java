package io.starloom.moderation.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Evidence;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Severity;
import io.starloom.proto.v1.TextSpan;
import io.starloom.proto.v1.Verdict;

/**
 * Judges texts: folds each one ({@link FoldedText}), finds the lexicon's entries in it
 * ({@link CompiledLexicon}), combines cues sentence by sentence ({@link ContextRules}) and lets the
 * tenant's {@link SafetyPolicy} turn each finding's severity into an action. A finding inside a more
 * severe one is dropped; findings whose action is ALLOW are not reported. The verdict is the most severe
 * action left (BLOCK over REVIEW over ALLOW). Pure computation on the caller's thread: a 2,000-character
 * story takes well under a millisecond (docs/benchmarks.md).
 */
@ApplicationScoped
public class TextModerator {
    private static final int EXCERPT_CONTEXT = 12;

    private final Lexicon lexicon;
    private final SafetyPolicy policy;

    public TextModerator(Lexicon lexicon, SafetyPolicy policy) {
        this.lexicon = lexicon;
        this.policy = policy;
    }

    /**
     * Judges every text for {@code tenant}. Findings come text by text, in the order given; each finding's
     * span is a code-point offset into its own text, whose index its evidence names.
     */
    public Judgement judge(List<ScreenedText> texts, String tenant, Language language) {
        CompiledLexicon current = lexicon.current();
        boolean chinese = Reasons.chinese(language, texts.isEmpty() ? "" : texts.get(0).text());
        List<Finding> findings = new ArrayList<>();
        for (int index = 0; index < texts.size(); index++) {
            findings.addAll(screen(current, texts.get(index), index, tenant, chinese));
        }
        Verdict verdict = findings.stream().map(Finding::getAction).max(Comparator.comparingInt(TextModerator::rank))
                .orElse(Verdict.VERDICT_ALLOW);
        return new Judgement(verdict, List.copyOf(findings));
    }

    /** Whether findings about these texts are explained in Chinese (see {@link Reasons}). */
    public static boolean chinese(Language language, String firstText) {
        return Reasons.chinese(language, firstText);
    }

    private List<Finding> screen(CompiledLexicon current, ScreenedText screened, int index, String tenant, boolean chinese) {
        String text = screened.text();
        FoldedText folded = FoldedText.of(text);
        List<Hit> hits = new ArrayList<>(current.find(folded));
        hits.sort(Comparator.comparingInt(Hit::start));
        record Candidate(Category category, Severity severity, String rule, List<Hit> hits, int start, int end) {
            boolean within(Candidate other) {
                return other.start <= start && end <= other.end && other.severity.getNumber() > severity.getNumber();
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Hit hit : hits) {
            if (hit.meaning().kind() == Meaning.Kind.DENY) {
                candidates.add(new Candidate(hit.meaning().category(), hit.meaning().severity(), "lexicon", List.of(hit), hit.start(), hit.end()));
            }
        }
        for (ContextRules.Fired fired : ContextRules.apply(hits)) {
            candidates.add(new Candidate(fired.rule().category(), fired.rule().severity(), fired.rule().id(), fired.hits(), fired.start(),
                    fired.end()));
        }
        List<Finding> findings = new ArrayList<>();
        candidates.sort(Comparator.comparingInt(Candidate::start));
        for (Candidate candidate : candidates) {
            if (candidates.stream().anyMatch(candidate::within)) {
                continue;
            }
            Verdict action = policy.actionFor(tenant, candidate.category(), candidate.severity());
            if (action == Verdict.VERDICT_ALLOW) {
                continue;
            }
            int start = folded.sourceOf(candidate.start());
            int end = folded.sourceOf(candidate.end() - 1) + 1;
            List<String> terms = candidate.hits().stream().map(h -> h.meaning().display()).distinct().toList();
            findings.add(Finding.newBuilder()
                    .setCategory(candidate.category())
                    .setTerm(String.join(" + ", terms))
                    .setStart(start)
                    .setEnd(end)
                    .setAction(action)
                    .setSeverity(candidate.severity())
                    .setRule(candidate.rule())
                    .setReason(Reasons.of(candidate.category(), terms, screened.label(), chinese))
                    .setEvidence(Evidence.newBuilder().setText(TextSpan.newBuilder()
                            .setTextIndex(index).setLabel(screened.label()).setStart(start).setEnd(end)
                            .setExcerpt(excerpt(text, start, end))))
                    .build());
        }
        return findings;
    }

    /**
     * The span with up to {@link #EXCERPT_CONTEXT} code points of context either side, widened or narrowed to
     * whole words so a reviewer never reads half a word; an ellipsis marks text left out.
     */
    static String excerpt(String text, int start, int end) {
        int length = text.codePointCount(0, text.length());
        int spanFrom = text.offsetByCodePoints(0, start);
        int spanTo = text.offsetByCodePoints(0, end);
        int from = text.offsetByCodePoints(0, Math.max(0, start - EXCERPT_CONTEXT));
        int to = text.offsetByCodePoints(0, Math.min(length, end + EXCERPT_CONTEXT));
        BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
        words.setText(text);
        if (!words.isBoundary(from)) {
            from = Math.min(words.following(from), spanFrom);
        }
        if (!words.isBoundary(to)) {
            to = Math.max(words.preceding(to), spanTo);
        }
        String shown = text.substring(from, to).replaceAll("\\s+", " ").strip();
        return (from > 0 ? "…" : "") + shown + (to < text.length() ? "…" : "");
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case VERDICT_BLOCK -> 3;
            case VERDICT_REVIEW -> 2;
            case VERDICT_ALLOW -> 1;
            default -> 0;
        };
    }
}
