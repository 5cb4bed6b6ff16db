package io.starloom.studio.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The CSRF token every form carries ({inject:formToken.…}), for quarkus-rest-csrf's double-submit check. On a
 * GET the filter has made it; a page rendered in answer to a POST (the form again, with the scheduler's errors)
 * carries the token of the cookie the POST was verified against: without a signature key the cookie holds the
 * token itself.
 */
@Named("formToken")
@RequestScoped
public class FormToken {
    static final String NAME = "csrf-token";
    private static final String FILTER_ATTRIBUTE = "csrf_token";

    private final RoutingContext context;

    FormToken(RoutingContext context) {
        this.context = context;
    }

    public String name() {
        return NAME;
    }

    public String value() {
        Object made = context.get(FILTER_ATTRIBUTE);
        if (made != null) {
            return made.toString();
        }
        Cookie cookie = context.request().getCookie(NAME);
        return cookie == null ? "" : cookie.getValue();
    }
}
