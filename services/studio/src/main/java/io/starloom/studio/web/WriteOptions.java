package io.starloom.studio.web;

import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;
import io.starloom.studio.config.StudioConfig;

/**
 * The choices the write page offers: what the scheduler says this deployment offers now (GET
 * /v1/submission-options: the profiles served, the priorities the tenant may ask for, the translation languages
 * for a second subtitle track, the narration voices), else the studio's configuration.
 */
@TemplateData
public record WriteOptions(int textLimit, List<String> styles, List<String> resolutions, List<String> profiles,
        List<String> voices, List<String> aspectRatios, List<String> priorities, List<String> translationLanguages) {
    private static final List<String> PRIORITIES = List.of("interactive", "standard", "batch");

    static WriteOptions of(StudioConfig config) {
        return new WriteOptions(config.textLimit(), config.styles(), config.resolutions(), config.profiles(), config.voices(),
                config.aspectRatios(), PRIORITIES, List.of());
    }

    /** The scheduler's answer, each list falling back to the configuration's where the answer lacks it. */
    static WriteOptions of(Map<String, Object> offer, StudioConfig config) {
        WriteOptions fallback = of(config);
        return new WriteOptions(offer.get("maxTextLength") instanceof Number limit && limit.intValue() > 0 ? limit.intValue() : fallback.textLimit(),
                list(offer, "styles", fallback.styles()), list(offer, "resolutions", fallback.resolutions()),
                list(offer, "profiles", fallback.profiles()), list(offer, "voices", fallback.voices()), list(offer, "aspectRatios", fallback.aspectRatios()),
                list(offer, "priorities", fallback.priorities()), list(offer, "translationLanguages", List.of()));
    }

    private static List<String> list(Map<String, Object> offer, String name, List<String> fallback) {
        return offer.get(name) instanceof List<?> values && !values.isEmpty() ? values.stream().map(String::valueOf).toList() : fallback;
    }
}
