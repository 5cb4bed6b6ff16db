package io.starloom.worker.backend.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.starloom.worker.backend.preview.ConstellationCatalog.Constellation;

class ConstellationCatalogTest {
    private final ConstellationCatalog catalog = ConstellationCatalog.load();

    @Test
    void knowsEveryConstellationEnrichmentRecognisesAndUrsaMajor() {
        assertThat(catalog.abbreviations()).containsExactlyInAnyOrder(
                "And", "Aql", "Cas", "Cep", "Cet", "Cyg", "Lep", "Lyr", "Ori", "Per", "Sco", "Tau", "UMa");
        for (String abbreviation : catalog.abbreviations()) {
            Constellation figure = catalog.find(abbreviation).orElseThrow();
            assertThat(figure.segments()).as(abbreviation).isNotEmpty();
            assertThat(figure.stars()).as(abbreviation).allSatisfy(star -> {
                assertThat(star.raHours()).isBetween(0.0, 24.0);
                assertThat(star.decDegrees()).isBetween(-90.0, 90.0);
                assertThat(star.magnitude()).isBetween(-1.5, 6.5);
            });
        }
        assertThat(catalog.find("uma")).isPresent();
        assertThat(catalog.find("Xyz")).isEmpty();
    }

    @Test
    void refusesAFigureLineToAStarItDoesNotList() {
        assertThatThrownBy(() -> ConstellationCatalog.parse(List.of("C;Ori;Orion;猎户座", "S;Rigel;5.242;-8.20;0.1", "L;Rigel-Saiph")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Saiph");
    }

    @Test
    void neighboursOnTheSkyShareAViewAndDistantOnesGetTheirOwn() {
        assertThat(ConstellationFigures.group(figures("Ori", "Sco", "Lep")))
                .extracting(group -> group.stream().map(Constellation::abbreviation).toList())
                .containsExactly(List.of("Ori", "Lep"), List.of("Sco"));
        assertThat(ConstellationFigures.group(figures("Lyr", "Aql", "Cyg"))).hasSize(1);
    }

    private List<Constellation> figures(String... abbreviations) {
        return List.of(abbreviations).stream().map(a -> catalog.find(a).orElseThrow()).toList();
    }
}
