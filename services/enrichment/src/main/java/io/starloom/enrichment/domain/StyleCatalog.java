package io.starloom.enrichment.domain;

import java.util.Map;
import java.util.Optional;

import io.starloom.contracts.ProtoNames;
import io.starloom.enrichment.config.EnrichmentConfig.StyleTemplate;
import io.starloom.proto.v1.Style;

/**
 * The configured style templates, keyed by the enum's name in kebab case:
 * {@code STYLE_INK_WASH} ↔ {@code starloom.enrichment.styles.ink-wash}.
 */
final class StyleCatalog {
    private final Map<String, StyleTemplate> templates;
    private final Style defaultStyle;

    StyleCatalog(Map<String, StyleTemplate> templates, String defaultStyle) {
        this.templates = templates;
        this.defaultStyle = ProtoNames.parseShortName(Style.class, defaultStyle).orElse(null);
        if (this.defaultStyle == null || !templates.containsKey(defaultStyle)) {
            throw new IllegalStateException("default style " + defaultStyle + " has no template in starloom.enrichment.styles");
        }
    }

    /** The style and its template; empty when the style is unknown or has no template. */
    Optional<ResolvedStyle> resolve(Style requested) {
        Style style = requested == Style.STYLE_UNSPECIFIED ? defaultStyle : requested;
        if (style == Style.UNRECOGNIZED) {
            return Optional.empty();
        }
        return Optional.ofNullable(templates.get(ProtoNames.shortName(style))).map(template -> new ResolvedStyle(style, template));
    }
}
