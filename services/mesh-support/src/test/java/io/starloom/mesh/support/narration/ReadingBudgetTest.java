package io.starloom.mesh.support.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;

class ReadingBudgetTest {
    private static final Language ZH = Language.LANGUAGE_ZH;
    private static final Language EN = Language.LANGUAGE_EN;
    private final ReadingBudget budget = new ReadingBudget(4.5, 2.8, 5);

    @Test
    void oneShotCarriesReadingSpeedTimesShotLengthRoundedDown() {
        assertThat(budget.perShot(ZH)).isEqualTo(22); // floor(4.5 × 5)
        assertThat(budget.perShot(EN)).isEqualTo(14); // floor(2.8 × 5)
        assertThat(budget.shotSeconds()).isEqualTo(5);
        assertThat(new ReadingBudget(4.5, 2.8, 4).perShot(ZH)).isEqualTo(18);
    }

    @Test
    void chineseCountsLettersAndDigitsAndALatinWordAsTwo() {
        assertThat(ReadingBudget.units("银河横贯夜空。", ZH)).isEqualTo(6);
        assertThat(ReadingBudget.units("织女星（Vega）停下织机", ZH)).isEqualTo(3 + 2 + 4);
        assertThat(ReadingBudget.units("第3颗星", ZH)).isEqualTo(2 + 2 + 1); // a digit is a Latin word char
        assertThat(ReadingBudget.units("Vega Altair", ZH)).isEqualTo(4);
        assertThat(ReadingBudget.units("，。！？…… ", ZH)).isZero();
    }

    @Test
    void englishCountsWordsWithALetterOrDigit() {
        assertThat(ReadingBudget.units("Orion, the great hunter — strides on.", EN)).isEqualTo(6);
        assertThat(ReadingBudget.units("  Pi is 3.14  ", EN)).isEqualTo(3);
        assertThat(ReadingBudget.units("a".repeat(3000), EN)).isEqualTo(1);
        assertThat(ReadingBudget.units("!!! ...", EN)).isZero();
        assertThat(ReadingBudget.units("", EN)).isZero();
    }

    @Test
    void fitsIsAtMostOneShot() {
        assertThat(budget.fits("星".repeat(22), ZH)).isTrue();
        assertThat(budget.fits("星".repeat(23), ZH)).isFalse();
        assertThat(budget.fits("word ".repeat(14), EN)).isTrue();
        assertThat(budget.fits("word ".repeat(15), EN)).isFalse();
    }

    @Test
    void aBudgetThatCarriesNothingIsRefused() {
        assertThatThrownBy(() -> new ReadingBudget(0.1, 2.8, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadingBudget(4.5, 0.1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
