package io.starloom.studio.web;

import java.util.List;

import io.quarkus.qute.TemplateData;
import io.starloom.studio.config.StudioConfig;

/** The choices the write page offers, from the deployment's configuration. */
@TemplateData
public record WriteOptions(int textLimit, List<String> styles, List<String> resolutions, List<String> profiles,
        List<String> voices, List<String> aspectRatios) {

    static WriteOptions of(StudioConfig config) {
        return new WriteOptions(config.textLimit(), config.styles(), config.resolutions(), config.profiles(), config.voices(),
                config.aspectRatios());
    }
}
