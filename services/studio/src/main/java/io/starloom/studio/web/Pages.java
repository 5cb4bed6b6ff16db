package io.starloom.studio.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.starloom.studio.i18n.UiLocale;

/** Renders a page in the request's interface language. */
@ApplicationScoped
public class Pages {
    private final UiLocale locale;

    Pages(UiLocale locale) {
        this.locale = locale;
    }

    public TemplateInstance of(Template template) {
        return template.instance().setAttribute(TemplateInstance.LOCALE, locale.get());
    }
}
