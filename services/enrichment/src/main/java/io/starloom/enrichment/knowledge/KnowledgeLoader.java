package io.starloom.enrichment.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.starloom.enrichment.knowledge.SkyData.Asterisms;
import io.starloom.enrichment.knowledge.SkyData.Constellations;
import io.starloom.enrichment.knowledge.SkyData.MilkyWay;
import io.starloom.enrichment.knowledge.SkyData.Stars;

/**
 * Reads the knowledge files: the derived sky (JSON, shipped), and the myths, figures, keywords and extra sky
 * names (YAML, shipped defaults merged with an operator's directory, where an entry with the same id wins).
 */
public final class KnowledgeLoader {
    static final String RESOURCES = "knowledge/";
    /** The files an operator's directory may hold. */
    public static final List<String> EDITABLE = List.of("myths.yaml", "figures.yaml", "keywords.yaml", "sky-names.yaml");

    private static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Sky sky;

    private KnowledgeLoader(Sky sky) {
        this.sky = sky;
    }

    /** Reads the shipped sky once; the sky is not operator-editable. */
    public static KnowledgeLoader withShippedSky() {
        return new KnowledgeLoader(new Sky(
                json("sky/constellations.json", Constellations.class).constellations().stream()
                        .map(c -> new SkyData.Constellation(c.iau(), c.la(), c.en(), TextFolding.simplified(c.zh()), c.genitive(), c.stars(), c.lines()))
                        .toList(),
                json("sky/chinese-sky.json", Asterisms.class).asterisms(),
                json("sky/stars.json", Stars.class).stars(),
                json("sky/milky-way.json", MilkyWay.class).rings()));
    }

    /** The shipped knowledge, with an operator's directory merged over it when given. */
    public Knowledge load(Optional<Path> directory) {
        return new Knowledge(sky.constellations(), sky.asterisms(), sky.stars(), sky.milkyWay(),
                merged("figures.yaml", "figures", FigureData.class, FigureData::id, directory),
                merged("myths.yaml", "myths", MythData.class, MythData::id, directory),
                merged("keywords.yaml", "keywords", KeywordData.class, KeywordData::id, directory),
                merged("sky-names.yaml", "names", SkyNameEntry.class, SkyNameEntry::target, directory).stream()
                        .map(SkyNameEntry::toSkyName).toList());
    }

    private static <T> List<T> merged(String file, String list, Class<T> type, Function<T, String> id, Optional<Path> directory) {
        Map<String, T> entries = new LinkedHashMap<>();
        try (InputStream in = resource(file)) {
            read(YAML.readTree(in), list, type, file).forEach(e -> entries.put(id.apply(e), e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped " + file, e);
        }
        if (directory.isPresent() && Files.isRegularFile(directory.get().resolve(file))) {
            Path path = directory.get().resolve(file);
            try (InputStream in = Files.newInputStream(path)) {
                read(YAML.readTree(in), list, type, path.toString()).forEach(e -> entries.put(id.apply(e), e));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(entries.values());
    }

    private static <T> List<T> read(JsonNode root, String list, Class<T> type, String where) throws IOException {
        List<T> items = new ArrayList<>();
        JsonNode entries = root == null ? null : root.get(list);
        if (entries == null) {
            return items;
        }
        if (!entries.isArray()) {
            throw new IOException(where + ": '" + list + "' must be a list");
        }
        for (JsonNode entry : entries) {
            T item = YAML.treeToValue(entry, type);
            items.add(item);
        }
        return items;
    }

    private static <T> T json(String name, Class<T> type) {
        try (InputStream in = resource(name)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped " + name, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = KnowledgeLoader.class.getClassLoader().getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("missing resource " + RESOURCES + name);
        }
        return in;
    }

    private record Sky(List<SkyData.Constellation> constellations, List<SkyData.Asterism> asterisms, List<SkyData.Star> stars,
            List<List<double[]>> milkyWay) {
    }

    /** {@code {target: "cn:牛宿", names: [...]}} in sky-names.yaml. */
    record SkyNameEntry(String target, List<String> names) {

        Knowledge.SkyName toSkyName() {
            int colon = target == null ? -1 : target.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("sky name target must be iau:, cn: or hip:, not " + target);
            }
            String id = target.substring(colon + 1);
            Target.Kind kind = switch (target.substring(0, colon)) {
                case "iau" -> Target.Kind.CONSTELLATION;
                case "cn" -> Target.Kind.ASTERISM;
                case "hip" -> Target.Kind.STAR;
                default -> throw new IllegalArgumentException("sky name target must be iau:, cn: or hip:, not " + target);
            };
            return new Knowledge.SkyName(new Target(kind, id), names == null ? List.of() : names);
        }
    }
}
