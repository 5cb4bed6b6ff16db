package io.starloom.studio.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.starloom.studio.i18n.UiLocale;

/** Who is signed in, as every page shows it ({inject:viewer.…}): from the ID token of the session. */
@Named("viewer")
@RequestScoped
public class Viewer {
    public static final String REVIEWER = "reviewer";

    private final SecurityIdentity identity;
    private final UiLocale locale;

    Viewer(SecurityIdentity identity, UiLocale locale) {
        this.identity = identity;
        this.locale = locale;
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        String name = claim("preferred_username");
        return name.isEmpty() && signedIn() ? identity.getPrincipal().getName() : name;
    }

    public String tenant() {
        return claim("tenant");
    }

    public boolean reviewer() {
        return identity.hasRole(REVIEWER);
    }

    public String lang() {
        return locale.get().getLanguage();
    }

    private String claim(String name) {
        if (signedIn() && identity.getPrincipal() instanceof JsonWebToken token) {
            Object value = token.getClaim(name);
            return value == null ? "" : value.toString();
        }
        return "";
    }
}
