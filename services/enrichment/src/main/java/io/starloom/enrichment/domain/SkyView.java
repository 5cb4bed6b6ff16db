package io.starloom.enrichment.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.starloom.enrichment.knowledge.Knowledge;
import io.starloom.enrichment.knowledge.SkyData;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.SkyCulture;
import io.starloom.proto.v1.SkyFigure;
import io.starloom.proto.v1.SkyLine;
import io.starloom.proto.v1.SkyStar;

/** Star figures as a shot carries them: real J2000 positions, magnitudes, colour indices and lines. */
final class SkyView {

    private SkyView() {
    }

    /** A sky id ("Lyr", "织女") as a figure with its geometry; empty when the sky has no such figure. */
    static Optional<SkyFigure> figure(String id, Knowledge knowledge, Language language) {
        return knowledge.derived(new FigureKey(id, language == Language.LANGUAGE_ZH), key -> build(id, knowledge, language));
    }

    /** The IAU constellation most of a figure's stars lie in (an asterism's Western counterpart), or its own id. */
    static Optional<String> iauOf(String id, Knowledge knowledge) {
        return knowledge.derived(new IauKey(id), key -> vote(id, knowledge));
    }

    private record FigureKey(String id, boolean zh) {
    }

    private record IauKey(String id) {
    }

    private static Optional<SkyFigure> build(String id, Knowledge knowledge, Language language) {
        Optional<SkyData.Constellation> constellation = knowledge.constellation(id);
        if (constellation.isPresent()) {
            SkyData.Constellation c = constellation.get();
            return Optional.of(build(c.iau(), language == Language.LANGUAGE_ZH ? c.zh() : c.en(), SkyCulture.SKY_CULTURE_WESTERN,
                    c.stars(), c.lines(), false));
        }
        return knowledge.asterism(id).map(a -> build(a.zh(), language == Language.LANGUAGE_ZH ? a.zh() : a.en() + " (" + a.zh() + ")",
                SkyCulture.SKY_CULTURE_CHINESE, a.stars(), a.lines(), true));
    }

    private static Optional<String> vote(String id, Knowledge knowledge) {
        if (knowledge.constellation(id).isPresent()) {
            return Optional.of(id);
        }
        return knowledge.asterism(id).flatMap(a -> {
            Map<String, Integer> votes = new HashMap<>();
            for (SkyData.Star star : a.stars()) {
                knowledge.star(star.hip()).map(SkyData.Star::iau).filter(iau -> iau != null && !iau.isEmpty())
                        .ifPresent(iau -> votes.merge(iau, star.mag() == null ? 1 : Math.max(1, (int) Math.round(7 - star.mag())), Integer::sum));
            }
            return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        });
    }

    private static SkyFigure build(String id, String name, SkyCulture culture, List<SkyData.Star> stars, List<int[]> lines, boolean chinese) {
        SkyFigure.Builder figure = SkyFigure.newBuilder().setId(id).setName(name == null ? id : name).setCulture(culture);
        for (SkyData.Star star : stars) {
            figure.addStars(SkyStar.newBuilder().setHip(star.hip()).setName(star.label(chinese))
                    .setRaDegrees(star.ra()).setDecDegrees(star.dec())
                    .setMagnitude(star.mag() == null ? 6 : star.mag()).setColorIndex(star.bv() == null ? 0 : star.bv()));
        }
        for (int[] line : lines) {
            figure.addLines(SkyLine.newBuilder().setFromStar(line[0]).setToStar(line[1]));
        }
        return figure.build();
    }
}
