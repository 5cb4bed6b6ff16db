package io.starloom.enrichment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Language;

class TitleWriterTest {

    @Test
    void wholeOpeningClausesThatFit() {
        assertEquals("安德洛墨达被锁在海边岩石上", TitleWriter.titleOf("安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。", Language.LANGUAGE_ZH));
        assertEquals("七夕之夜，银河如练", TitleWriter.titleOf("七夕之夜，银河如练。", Language.LANGUAGE_ZH));
        assertEquals("Orion, the great hunter", TitleWriter.titleOf(
                "Orion, the great hunter, strides across the winter plain with his club raised.", Language.LANGUAGE_EN));
    }

    @Test
    void aLongOpeningClauseIsCutAndMarked() {
        assertEquals("从前有一位年轻的牧人每天夜里都坐…",
                TitleWriter.titleOf("从前有一位年轻的牧人每天夜里都坐在河边仰望星空", Language.LANGUAGE_ZH));
        assertEquals("Long ago a young herdsman sat by the…",
                TitleWriter.titleOf("Long ago a young herdsman sat by the river every night counting stars.", Language.LANGUAGE_EN));
    }
}
