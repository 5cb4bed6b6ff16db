package io.starloom.studio.web;

import java.util.List;

import io.quarkus.qute.TemplateData;
import io.starloom.studio.config.StudioConfig;

/**
 * The choices the write page offers, from the deployment's configuration; the priority classes are the API's own
 * (the scheduler answers 403 for one above the tenant's entitlement).
 */
@TemplateData
public record WriteOptions(int textLimit, List<String> styles, List<String> resolutions, List<String> profiles,
        List<String> voices, List<String> aspectRatios) {
    private static final List<String> PRIORITIES = List.of("interactive", "standard", "batch");

    public List<String> priorities() {
        return PRIORITIES;
    }

    static WriteOptions of(StudioConfig config) {
        return new WriteOptions(config.textLimit(), config.styles(), config.resolutions(), config.profiles(), config.voices(),
                config.aspectRatios());
    }
}
