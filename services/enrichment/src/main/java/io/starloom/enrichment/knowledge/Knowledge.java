package io.starloom.enrichment.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.starloom.enrichment.knowledge.SkyData.Asterism;
import io.starloom.enrichment.knowledge.SkyData.Constellation;
import io.starloom.enrichment.knowledge.SkyData.Star;

/**
 * One immutable state of the knowledge base: the sky, the myths, their figures, the keyword library and
 * the lexicon of every name in them. A reload builds a new one and swaps it in whole.
 */
public final class Knowledge {
    private static final String ASTERISM_STAR_SUFFIX = "星";

    private final Map<String, Constellation> constellations;
    private final Map<String, Asterism> asterisms;
    private final Map<Integer, Star> stars;
    private final List<List<double[]>> milkyWay;
    private final Map<String, FigureData> figures;
    private final Map<String, MythData> myths;
    private final Map<String, KeywordData> keywords;
    private final Map<String, List<String>> mythsOfFigure;
    private final Lexicon lexicon;
    private final Map<Integer, String> asterismOfStar;
    /** Views derived from this state (star figures as shots carry them), built on first use and dropped with it on reload. */
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    Knowledge(List<Constellation> constellations, List<Asterism> asterisms, List<Star> stars, List<List<double[]>> milkyWay,
            List<FigureData> figures, List<MythData> myths, List<KeywordData> keywords, List<SkyName> skyNames) {
        this.constellations = index(constellations, Constellation::iau);
        this.asterisms = index(asterisms, Asterism::zh);
        Map<Integer, Star> byHip = new HashMap<>();
        stars.forEach(s -> byHip.put(s.hip(), s));
        this.stars = Collections.unmodifiableMap(byHip);
        this.milkyWay = milkyWay;
        this.figures = index(figures, FigureData::id);
        this.myths = index(myths, MythData::id);
        this.keywords = index(keywords, KeywordData::id);
        Map<String, List<String>> ofFigure = new HashMap<>();
        for (MythData myth : myths) {
            for (String figure : myth.figures()) {
                if (!this.figures.containsKey(figure)) {
                    throw new IllegalArgumentException("myth " + myth.id() + " names an unknown figure " + figure);
                }
                ofFigure.computeIfAbsent(figure, k -> new ArrayList<>()).add(myth.id());
            }
        }
        this.mythsOfFigure = ofFigure;
        this.lexicon = lexicon(skyNames);
        Map<Integer, String> ofStar = new HashMap<>();
        this.asterisms.values().forEach(a -> a.stars().forEach(star -> ofStar.putIfAbsent(star.hip(), a.zh())));
        this.asterismOfStar = Collections.unmodifiableMap(ofStar);
    }

    private Lexicon lexicon(List<SkyName> skyNames) {
        Lexicon.Builder lexicon = Lexicon.builder();
        for (Constellation c : constellations.values()) {
            Target target = new Target(Target.Kind.CONSTELLATION, c.iau());
            lexicon.add(c.la(), target).add(c.en(), target).add(c.zh(), target);
        }
        for (Asterism a : asterisms.values()) {
            Target target = new Target(Target.Kind.ASTERISM, a.zh());
            // A bare asterism name is often an everyday word (天田, 将军, 老人): only mansions, enclosures and
            // "<name>星" are taken as the asterism; the others come into view through their myths and figures.
            if (!"asterism".equals(a.group())) {
                lexicon.add(a.zh(), target);
            }
            if (a.zh().codePointCount(0, a.zh().length()) >= 2) {
                lexicon.add(a.zh() + ASTERISM_STAR_SUFFIX, target);
            }
        }
        for (Star s : stars.values()) {
            Target target = new Target(Target.Kind.STAR, Integer.toString(s.hip()));
            if (s.mag() != null && s.mag() <= 2.5) {
                lexicon.add(s.name(), target);
            }
            if (s.zh() != null && s.zh().codePointCount(0, s.zh().length()) >= 3) {
                lexicon.add(s.zh(), target);
            }
        }
        for (SkyName name : skyNames) {
            Target target = name.target();
            if (exists(target)) {
                name.names().forEach(n -> lexicon.add(n, target));
            }
        }
        for (FigureData f : figures.values()) {
            Target target = new Target(Target.Kind.FIGURE, f.id());
            f.names().forEach(n -> lexicon.add(n, target));
        }
        for (MythData m : myths.values()) {
            Target target = new Target(Target.Kind.MYTH, m.id());
            m.names().forEach(n -> lexicon.add(n, target));
            m.cues().forEach(n -> lexicon.add(n, target));
        }
        for (KeywordData k : keywords.values()) {
            Target target = new Target(Target.Kind.KEYWORD, k.id());
            k.names().forEach(n -> lexicon.add(n, target));
        }
        return lexicon.build();
    }

    private boolean exists(Target target) {
        return switch (target.kind()) {
            case CONSTELLATION -> constellations.containsKey(target.id());
            case ASTERISM -> asterisms.containsKey(target.id());
            case STAR -> stars.containsKey(Integer.parseInt(target.id()));
            default -> false;
        };
    }

    /** The names in {@code text}, in order, each with what it may stand for. */
    public List<Mention> recognise(String text) {
        return lexicon.scan(TextFolding.fold(text));
    }

    public Optional<Constellation> constellation(String iau) {
        return Optional.ofNullable(constellations.get(iau));
    }

    public Optional<Asterism> asterism(String zh) {
        return Optional.ofNullable(asterisms.get(zh));
    }

    public Optional<Star> star(int hip) {
        return Optional.ofNullable(stars.get(hip));
    }

    public Optional<FigureData> figure(String id) {
        return Optional.ofNullable(figures.get(id));
    }

    public Optional<MythData> myth(String id) {
        return Optional.ofNullable(myths.get(id));
    }

    public Optional<KeywordData> keyword(String id) {
        return Optional.ofNullable(keywords.get(id));
    }

    /** The first Chinese asterism (in the sky data's order) whose figure includes the star. */
    public Optional<String> asterismOfStar(int hip) {
        return Optional.ofNullable(asterismOfStar.get(hip));
    }

    /**
     * A value derived from this knowledge alone, computed once per key: planning asks for the same star figures
     * in shot after shot and story after story.
     */
    @SuppressWarnings("unchecked")
    public <K, V> V derived(K key, Function<K, V> derive) {
        return (V) derived.computeIfAbsent(key, k -> derive.apply((K) k));
    }

    /** The myths whose cast includes the figure. */
    public List<String> mythsOf(String figureId) {
        return mythsOfFigure.getOrDefault(figureId, List.of());
    }

    public Map<String, Constellation> constellations() {
        return constellations;
    }

    public Map<String, Asterism> asterisms() {
        return asterisms;
    }

    public Map<String, MythData> myths() {
        return myths;
    }

    public Map<String, FigureData> figures() {
        return figures;
    }

    public Map<String, KeywordData> keywords() {
        return keywords;
    }

    public List<List<double[]>> milkyWay() {
        return milkyWay;
    }

    public int names() {
        return lexicon.size();
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return Collections.unmodifiableMap(map);
    }

    /** Extra names of a sky object ({@code knowledge/sky-names.yaml}). */
    record SkyName(Target target, List<String> names) {
    }
}
