package io.starloom.studio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.starloom.studio.config.StudioConfig;

class WriteOptionsTest {
    private static final StudioConfig CONFIG = new StudioConfig() {
        @Override
        public int textLimit() {
            return 5000;
        }

        @Override
        public List<String> styles() {
            return List.of("cinematic");
        }

        @Override
        public List<String> resolutions() {
            return List.of("480p", "720p");
        }

        @Override
        public List<String> profiles() {
            return List.of("configured-profile");
        }

        @Override
        public List<String> voices() {
            return List.of("cmn-latn-pinyin");
        }

        @Override
        public List<String> aspectRatios() {
            return List.of("16-9");
        }

        @Override
        public int pageSize() {
            return 20;
        }
    };

    @Test
    void theDeploymentsOfferWinsOverTheConfiguration() {
        WriteOptions options = WriteOptions.of(Map.of("profiles", List.of("wan2.2-ti2v-5b-720p"), "resolutions", List.of("720p"),
                "styles", List.of("ink-wash", "cinematic"), "aspectRatios", List.of("16-9", "9-16"),
                "translationLanguages", List.of("en"), "priorities", List.of("standard", "batch"), "maxTextLength", 2000,
                "voices", List.of("en-us", "cmn-latn-pinyin")), CONFIG);
        assertEquals(List.of("wan2.2-ti2v-5b-720p"), options.profiles());
        assertEquals(List.of("720p"), options.resolutions());
        assertEquals(List.of("ink-wash", "cinematic"), options.styles());
        assertEquals(List.of("16-9", "9-16"), options.aspectRatios());
        assertEquals(List.of("en"), options.translationLanguages());
        assertEquals(List.of("standard", "batch"), options.priorities(), "only the classes the tenant may ask for");
        assertEquals(2000, options.textLimit());
        assertEquals(List.of("en-us", "cmn-latn-pinyin"), options.voices());
    }

    @Test
    void whatTheAnswerLacksComesFromTheConfiguration() {
        WriteOptions options = WriteOptions.of(Map.of("profiles", List.of()), CONFIG);
        assertEquals(List.of("configured-profile"), options.profiles());
        assertEquals(5000, options.textLimit());
        assertEquals(List.of(), options.translationLanguages(), "no second subtitle track unless the deployment offers one");
        assertEquals(List.of("interactive", "standard", "batch"), options.priorities());
        assertEquals(List.of("cmn-latn-pinyin"), options.voices(), "a deployment that lists no voices: the studio's");
    }
}
