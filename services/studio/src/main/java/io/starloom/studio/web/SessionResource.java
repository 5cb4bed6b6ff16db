package io.starloom.studio.web;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.starloom.studio.i18n.UiLocale;

/** Signing out (the session cookie is dropped) and switching the interface language. */
@Path("/")
public class SessionResource {
    private final OidcSession session;
    private final Pages pages;
    private final Template signedOut;

    SessionResource(OidcSession session, Pages pages, @Location("signed-out.html") Template signedOut) {
        this.session = session;
        this.pages = pages;
        this.signedOut = signedOut;
    }

    @POST
    @Path("logout")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> logout() {
        return session.logout().map(ignored -> Response.seeOther(URI.create("/signed-out")).build());
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return pages.of(signedOut);
    }

    /** Remembers the chosen language for a year and goes back to the page it was chosen on (a path of this site). */
    @GET
    @Path("language/{code}")
    public Response language(@RestPath String code, @RestQuery String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        Response.ResponseBuilder response = Response.seeOther(URI.create(target));
        if (UiLocale.SUPPORTED.contains(code)) {
            response.cookie(new NewCookie.Builder(UiLocale.COOKIE).value(code).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build());
        }
        return response.build();
    }
}
