package io.starloom.moderation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;

/**
 * Matches the starter word lists ({@code wordlists/<category>.<zh|en>.txt}, e.g.
 * {@code wordlists/sexual-minors.en.txt}) against normalised text ({@link NormalisedText}). Every list
 * applies to every text whatever its language, since a Chinese story may carry an English slur. Entries
 * of {@code wordlists/allow.txt} (innocent words that contain a listed term, such as "景色情调" or
 * "印度支那") cancel the findings inside them. Where findings overlap, the longer one wins ("儿童色情" is
 * sexual content with minors, not also plain sexual content).
 */
@ApplicationScoped
@DefaultBean
public class WordListScreener implements TextScreener {
    static final String DIRECTORY = "wordlists/";
    static final List<String> LANGUAGES = List.of("zh", "en");
    static final String ALLOW_LIST = DIRECTORY + "allow.txt";

    private final List<Term> terms;
    private final List<Term> allowed;

    public WordListScreener() {
        List<Term> listed = new ArrayList<>();
        for (Category category : Category.values()) {
            if (category != Category.CATEGORY_UNSPECIFIED && category != Category.UNRECOGNIZED) {
                LANGUAGES.forEach(language -> listed.addAll(read(listFileOf(category, language), category)));
            }
        }
        this.terms = List.copyOf(listed);
        this.allowed = read(ALLOW_LIST, Category.CATEGORY_UNSPECIFIED);
    }

    @Override
    public List<Finding> screen(String text) {
        NormalisedText normalised = NormalisedText.of(text);
        record Match(Term term, int start, int end) {
            boolean within(Match other) {
                return other.start <= start && end <= other.end;
            }
        }
        List<Match> allowedSpans = new ArrayList<>();
        allowed.forEach(term -> term.findIn(normalised, (t, start, end) -> allowedSpans.add(new Match(t, start, end))));
        List<Match> matches = new ArrayList<>();
        terms.forEach(term -> term.findIn(normalised, (t, start, end) -> {
            Match match = new Match(t, start, end);
            if (allowedSpans.stream().noneMatch(match::within)) {
                matches.add(match);
            }
        }));
        matches.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed()));
        List<Match> kept = new ArrayList<>();
        for (Match match : matches) {
            if (kept.stream().noneMatch(match::within)) {
                kept.add(match);
            }
        }
        return kept.stream()
                .map(m -> Finding.newBuilder()
                        .setCategory(m.term().category())
                        .setTerm(m.term().display())
                        .setStart(normalised.sourceOf(m.start()))
                        .setEnd(normalised.sourceOf(m.end() - 1) + 1)
                        .build())
                .toList();
    }

    /** {@code CATEGORY_SEXUAL_MINORS} → {@code wordlists/sexual-minors.en.txt}. */
    static String listFileOf(Category category, String language) {
        return DIRECTORY + ProtoNames.shortName(category) + "." + language + ".txt";
    }

    /** One entry per line; blank lines and lines starting with # are ignored. A missing list stops the service at start-up. */
    private static List<Term> read(String resource, Category category) {
        try (InputStream in = WordListScreener.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("word list " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> Term.parse(category, line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word list " + resource, e);
        }
    }
}
