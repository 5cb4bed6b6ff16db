package io.starloom.enrichment.domain;

import io.starloom.enrichment.config.EnrichmentConfig.StyleTemplate;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.StyleGuide;

/** A style as a storyboard uses it: the enum value a client sees and the configured guide behind it. */
record ResolvedStyle(Style style, StyleTemplate template) {

    String look(Language language) {
        return template.template().in(language);
    }

    String lighting(Language language) {
        return template.lighting().in(language);
    }

    String palette(Language language) {
        return template.palette().in(language);
    }

    String camera(Language language) {
        return template.camera().in(language);
    }

    String negatives(Language language) {
        return template.negatives().in(language);
    }

    StyleGuide guide(Language language) {
        return StyleGuide.newBuilder().setPalette(palette(language)).setLighting(lighting(language))
                .setCameraLanguage(camera(language)).setNegatives(negatives(language)).build();
    }
}
