package io.starloom.enrichment.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.starloom.mesh.support.narration.Scripts;

/**
 * The starter knowledge: a hand-written table ({@value #TABLE}) of a few constellations, myth figures,
 * motifs and settings, matched by name. Chinese names match anywhere; names in Latin script match
 * whole words only, ignoring case and full-width forms. A richer {@link SkyKnowledge} bean replaces it.
 */
@ApplicationScoped
@DefaultBean
public class StarterSkyKnowledge implements SkyKnowledge {
    static final String TABLE = "sky-knowledge.properties";

    private final List<SkyEntry> entries;

    public StarterSkyKnowledge() {
        this(loadTable());
    }

    StarterSkyKnowledge(Properties table) {
        this.entries = parse(table);
    }

    @Override
    public List<SkyEntry> recognise(String text) {
        String haystack = normalise(text);
        record Mention(SkyEntry entry, int at) {
        }
        List<Mention> mentions = new ArrayList<>();
        for (SkyEntry entry : entries) {
            entry.names().stream()
                    .mapToInt(name -> firstMention(haystack, normalise(name)))
                    .filter(at -> at >= 0)
                    .min()
                    .ifPresent(at -> mentions.add(new Mention(entry, at)));
        }
        return mentions.stream()
                .sorted(Comparator.comparingInt(Mention::at).thenComparing(m -> m.entry().key()))
                .map(Mention::entry)
                .toList();
    }

    /** Every entry of the table, for checks of the table itself. */
    List<SkyEntry> entries() {
        return entries;
    }

    private static int firstMention(String text, String name) {
        boolean wholeWord = name.codePoints().anyMatch(Scripts::isLatinWordChar);
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            if (!wholeWord || (at == 0 || !Scripts.isLatinWordChar(text.codePointBefore(at)))
                    && (end == text.length() || !Scripts.isLatinWordChar(text.codePointAt(end)))) {
                return at;
            }
        }
        return -1;
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static Properties loadTable() {
        try (InputStream in = StarterSkyKnowledge.class.getClassLoader().getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("knowledge table " + TABLE + " is missing from the classpath");
            }
            Properties table = new Properties();
            table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge table " + TABLE, e);
        }
    }

    /** Groups {@code <key>.<attribute>} lines into entries; a broken table stops the service at start-up. */
    private static List<SkyEntry> parse(Properties table) {
        Map<String, Map<String, String>> byKey = new TreeMap<>();
        for (String property : table.stringPropertyNames()) {
            int dot = property.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalStateException(TABLE + ": line " + property + " is not <key>.<attribute>");
            }
            byKey.computeIfAbsent(property.substring(0, dot), k -> new TreeMap<>())
                    .put(property.substring(dot + 1), table.getProperty(property).strip());
        }
        List<SkyEntry> entries = new ArrayList<>();
        byKey.forEach((key, attributes) -> entries.add(entry(key, attributes)));
        return List.copyOf(entries);
    }

    private static SkyEntry entry(String key, Map<String, String> attributes) {
        String kindName = required(key, attributes, "kind");
        SkyEntry.Kind kind;
        try {
            kind = SkyEntry.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TABLE + ": " + key + ".kind " + kindName + " is none of "
                    + Arrays.toString(SkyEntry.Kind.values()));
        }
        String iau = attributes.getOrDefault("iau", "");
        if (kind == SkyEntry.Kind.CONSTELLATION && iau.isEmpty()) {
            throw new IllegalStateException(TABLE + ": constellation " + key + " needs an iau abbreviation");
        }
        List<String> names = Arrays.stream(required(key, attributes, "names").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        return new SkyEntry(key, kind, iau, names, required(key, attributes, "zh"), required(key, attributes, "en"));
    }

    private static String required(String key, Map<String, String> attributes, String attribute) {
        String value = attributes.get(attribute);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(TABLE + ": " + key + " has no " + attribute);
        }
        return value;
    }
}
