package io.starloom.worker.backend.preview;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bright stars (J2000 positions, visual magnitudes) and line figures of the constellations the preview
 * can draw, read from {@code constellations.txt}. Roadmap item 7 replaces the file with the full catalogue.
 */
public final class ConstellationCatalog {
    public record Star(String name, double raHours, double decDegrees, double magnitude) {
    }

    /** A line of the figure, between two of the constellation's stars. */
    public record Segment(Star from, Star to) {
    }

    public record Constellation(String abbreviation, List<Star> stars, List<Segment> segments) {
    }

    private final Map<String, Constellation> byAbbreviation;

    private ConstellationCatalog(Map<String, Constellation> byAbbreviation) {
        this.byAbbreviation = Map.copyOf(byAbbreviation);
    }

    public static ConstellationCatalog load() {
        try (InputStream in = ConstellationCatalog.class.getResourceAsStream("/constellations.txt")) {
            if (in == null) {
                throw new IllegalStateException("constellations.txt is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the catalogue format (see the file's header); a line naming an unknown star is an error. */
    static ConstellationCatalog parse(List<String> lines) {
        Map<String, Constellation> result = new LinkedHashMap<>();
        Builder current = null;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(";");
            switch (fields[0]) {
                case "C" -> {
                    if (current != null) {
                        current.addTo(result);
                    }
                    current = new Builder(fields[1]);
                }
                case "S" -> requireOpen(current, line).stars.add(new Star(fields[1], Double.parseDouble(fields[2]),
                        Double.parseDouble(fields[3]), Double.parseDouble(fields[4])));
                case "L" -> {
                    Builder open = requireOpen(current, line);
                    for (String pair : fields[1].split(",")) {
                        String[] ends = pair.split("-");
                        open.segments.add(new Segment(open.star(ends[0]), open.star(ends[1])));
                    }
                }
                default -> throw new IllegalArgumentException("unknown line in constellations.txt: " + line);
            }
        }
        if (current != null) {
            current.addTo(result);
        }
        return new ConstellationCatalog(result);
    }

    /** The constellation with this IAU abbreviation, in any letter case. */
    public Optional<Constellation> find(String abbreviation) {
        return Optional.ofNullable(byAbbreviation.get(abbreviation.toLowerCase(Locale.ROOT)));
    }

    public List<String> abbreviations() {
        return byAbbreviation.values().stream().map(Constellation::abbreviation).sorted().toList();
    }

    private static Builder requireOpen(Builder current, String line) {
        if (current == null) {
            throw new IllegalArgumentException("line before the first constellation in constellations.txt: " + line);
        }
        return current;
    }

    private static final class Builder {
        private final String abbreviation;
        private final List<Star> stars = new ArrayList<>();
        private final List<Segment> segments = new ArrayList<>();

        Builder(String abbreviation) {
            this.abbreviation = abbreviation;
        }

        Star star(String name) {
            return stars.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("figure of " + abbreviation + " names unknown star '" + name + "'"));
        }

        void addTo(Map<String, Constellation> result) {
            result.put(abbreviation.toLowerCase(Locale.ROOT), new Constellation(abbreviation, List.copyOf(stars), List.copyOf(segments)));
        }
    }
}
