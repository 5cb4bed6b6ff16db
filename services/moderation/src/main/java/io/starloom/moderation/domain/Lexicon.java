package io.starloom.moderation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.util.PinyinHelper;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Severity;

/**
 * The screening lexicon: our own lists in Chinese and English (see docs/safety.md), plus the entries
 * operators add at run time. Lists live in {@code lexicon/}:
 * <ul>
 * <li>{@code deny/<category>.<zh|en>.txt}: a match is a finding of that category; {@code @severity low|medium|high|critical}
 * sets the severity of the lines after it;</li>
 * <li>{@code cues/<cue>.<zh|en>.txt}: words the {@link ContextRules} combine within a sentence;</li>
 * <li>{@code allow.<zh|en>.txt}: innocent text containing a listed term ("景色情调", "Sussex"), which cancels it.</li>
 * </ul>
 * One entry per line, {@code #} starts a comment, {@code word*} lets a Latin word go on. Every Chinese entry
 * of two or more characters also matches its pinyin ("seqing", "se qing", "ｓｅｑｉｎｇ"), since romanised
 * Chinese is a common way round a Chinese word list.
 */
@ApplicationScoped
public class Lexicon {
    static final List<String> LANGUAGES = List.of("zh", "en");

    private final List<CompiledLexicon.Entry> builtIn;
    private final AtomicReference<CompiledLexicon> current;

    public Lexicon() {
        List<CompiledLexicon.Entry> entries = new ArrayList<>();
        for (Category category : Category.values()) {
            if (!ProtoNames.isSpecified(category)) {
                continue;
            }
            for (String language : LANGUAGES) {
                entries.addAll(read("lexicon/deny/" + ProtoNames.shortName(category) + "." + language + ".txt",
                        (line, severity) -> Meaning.deny(category, severity, display(line), line.endsWith("*"))));
            }
        }
        for (Cue cue : Cue.values()) {
            for (String language : LANGUAGES) {
                entries.addAll(read("lexicon/cues/" + cue.fileName() + "." + language + ".txt",
                        (line, severity) -> Meaning.cue(cue, display(line), line.endsWith("*"))));
            }
        }
        for (String language : LANGUAGES) {
            entries.addAll(read("lexicon/allow." + language + ".txt", (line, severity) -> Meaning.allow(display(line), line.endsWith("*"))));
        }
        this.builtIn = List.copyOf(entries);
        this.current = new AtomicReference<>(new CompiledLexicon(builtIn));
    }

    /** The lexicon as it stands now. */
    CompiledLexicon current() {
        return current.get();
    }

    /** Replaces every operator entry at once: screening uses the new lists from the next text on. */
    public void useOperatorEntries(Collection<OperatorEntry> operatorEntries) {
        List<CompiledLexicon.Entry> entries = new ArrayList<>(builtIn);
        for (OperatorEntry added : operatorEntries) {
            Meaning meaning = added.deny() ? Meaning.deny(added.category(), added.severity(), added.term(), false)
                    : Meaning.allow(added.term(), false);
            entries.addAll(entriesOf(added.term(), meaning));
        }
        current.set(new CompiledLexicon(entries));
    }

    /** An entry an operator added: a deny entry with its category and severity, or an allow entry. */
    public record OperatorEntry(boolean deny, String term, Category category, Severity severity) {
    }

    /**
     * Whether {@code term} is long enough once folded to be matched without hitting ordinary words: three
     * Latin letters or digits, two Chinese characters ("爱爱" folds to "爱", "xxx" to "x": both too short).
     */
    public static boolean canMatch(String term) {
        String folded = FoldedText.foldTerm(term);
        boolean latin = folded.chars().allMatch(FoldedText::isLatinWordChar);
        return folded.length() >= (latin ? 3 : 2);
    }

    @FunctionalInterface
    private interface MeaningOf {
        Meaning of(String line, Severity severity);
    }

    private static String display(String line) {
        return line.endsWith("*") ? line.substring(0, line.length() - 1).strip() : line;
    }

    private static List<CompiledLexicon.Entry> read(String resource, MeaningOf meaningOf) {
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // Not every category or cue needs a list in both languages.
                return List.of();
            }
            List<CompiledLexicon.Entry> entries = new ArrayList<>();
            Severity severity = Severity.SEVERITY_HIGH;
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@severity ")) {
                    severity = Severity.valueOf("SEVERITY_" + line.substring("@severity ".length()).strip().toUpperCase(Locale.ROOT));
                    continue;
                }
                Meaning meaning = meaningOf.of(line, severity);
                if (!canMatch(meaning.display())) {
                    throw new IllegalStateException("lexicon entry '" + line + "' in " + resource
                            + " is too short once folded: it would match inside ordinary words");
                }
                entries.addAll(entriesOf(meaning.display(), meaning));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon list " + resource, e);
        }
    }

    /** The entry as written and, for Chinese, its pinyin spellings (ü both as u and as v). */
    private static List<CompiledLexicon.Entry> entriesOf(String term, Meaning meaning) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(FoldedText.foldTerm(term));
        if (term.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count() >= 2
                && term.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            String pinyin = PinyinHelper.toPinyin(term, PinyinStyleEnum.NORMAL).replace(" ", "");
            forms.add(FoldedText.foldTerm(pinyin));
            forms.add(FoldedText.foldTerm(pinyin.replace('ü', 'v')));
        }
        return forms.stream().filter(form -> !form.isEmpty()).map(form -> new CompiledLexicon.Entry(form, meaning)).toList();
    }
}
