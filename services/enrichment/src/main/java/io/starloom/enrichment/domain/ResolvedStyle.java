package io.starloom.enrichment.domain;

import io.starloom.enrichment.config.EnrichmentConfig.StyleTemplate;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Style;

/** A style as a storyboard uses it: the enum value a client sees and the configured template behind it. */
record ResolvedStyle(Style style, StyleTemplate template) {

    String look(Language language) {
        return template.template().in(language);
    }

    String lighting(Language language) {
        return template.lighting().in(language);
    }
}
