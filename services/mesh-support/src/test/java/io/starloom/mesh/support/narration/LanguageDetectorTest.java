package io.starloom.mesh.support.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;

class LanguageDetectorTest {

    @Test
    void chineseStoriesAreChineseEvenWithLatinNames() {
        assertEquals(Language.LANGUAGE_ZH, LanguageDetector.detect("有个怪物出来了"));
        assertEquals(Language.LANGUAGE_ZH, LanguageDetector.detect("织女星（Vega）停下手中的织机，泪光映着星光。"));
    }

    @Test
    void englishStoriesAreEnglishEvenWithChineseNames() {
        assertEquals(Language.LANGUAGE_EN, LanguageDetector.detect("Orion, called 参宿 in China, strides across the winter plain."));
        assertEquals(Language.LANGUAGE_EN, LanguageDetector.detect("Orion hunts."));
    }

    @Test
    void textWithoutHanIsEnglish() {
        assertEquals(Language.LANGUAGE_EN, LanguageDetector.detect("1234 !!!"));
    }
}
