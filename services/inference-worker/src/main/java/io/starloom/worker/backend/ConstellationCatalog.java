package io.starloom.worker.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bright stars and line figures of a few constellations, from {@code constellations.txt}. */
public final class ConstellationCatalog {
    public record Star(String name, double raHours, double decDegrees, double magnitude) {
    }

    public record Constellation(String abbreviation, String name, String chineseName, List<Star> stars, List<String[]> lines) {
        Optional<Star> star(String name) {
            return stars.stream().filter(s -> s.name().equals(name)).findFirst();
        }
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

    static ConstellationCatalog parse(List<String> lines) {
        Map<String, Constellation> result = new LinkedHashMap<>();
        String[] header = null;
        List<Star> stars = new ArrayList<>();
        List<String[]> segments = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";");
            switch (f[0]) {
                case "C" -> {
                    if (header != null) {
                        result.put(header[1], new Constellation(header[1], header[2], header[3], List.copyOf(stars), List.copyOf(segments)));
                    }
                    header = f;
                    stars.clear();
                    segments.clear();
                }
                case "S" -> stars.add(new Star(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                case "L" -> {
                    for (String pair : f[1].split(",")) {
                        segments.add(pair.split("-"));
                    }
                }
                default -> throw new IllegalArgumentException("unknown line in constellations.txt: " + line);
            }
        }
        if (header != null) {
            result.put(header[1], new Constellation(header[1], header[2], header[3], List.copyOf(stars), List.copyOf(segments)));
        }
        return new ConstellationCatalog(result);
    }

    public Optional<Constellation> find(String abbreviation) {
        return Optional.ofNullable(byAbbreviation.get(abbreviation));
    }
}
