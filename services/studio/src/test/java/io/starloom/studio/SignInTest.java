package io.starloom.studio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.starloom.devstack.DevStackTestResource;

/**
 * Sign-in against the devstack's real issuer (code flow with PKCE, as a browser follows it), then the studio's
 * defences: the session cookie, the Content-Security-Policy, CSRF on forms, roles on the review pages.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class SignInTest {

    @Test
    void anonymousVisitorsAreSentToTheIssuerWithAPkceChallenge() {
        Response response = given().redirects().follow(false).when().get("/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).contains("/authorize?").contains("client_id=starloom-studio")
                .contains("code_challenge_method=S256").contains("code_challenge=").contains("state=");
    }

    @Test
    void staticFilesArePublicAndEveryResponseCarriesAStrictPolicy() {
        Response script = given().when().get("/static/studio.js");
        assertThat(script.statusCode()).isEqualTo(200);
        String policy = script.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void signedInUsersGetAnHttpOnlySessionAndFormsNeedTheirCsrfToken() {
        Map<String, String> cookies = signIn(false);
        Response page = given().cookies(cookies).when().get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("id=\"write-form\"").contains("name=\"csrf-token\"")
                .doesNotContain("eyJ").as("no token in the page");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");

        Map<String, String> withCsrf = new HashMap<>(cookies);
        withCsrf.putAll(page.cookies());
        Response forged = given().cookies(withCsrf).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("text", "Orion rises").formParam("action", "submit").when().post("/write");
        assertThat(forged.statusCode()).as("a form without the CSRF token").isEqualTo(400);

        assertThat(given().cookies(cookies).when().get("/reviews").statusCode()).as("not a reviewer").isEqualTo(403);
    }

    /** Follows the code flow as a browser does: studio → issuer's form → back to /signed-in with the state cookie. */
    static Map<String, String> signIn(boolean reviewer) {
        Response start = given().redirects().follow(false).when().get("/");
        Map<String, String> cookies = new HashMap<>(start.cookies());
        URI authorize = URI.create(start.header("Location"));
        Map<String, String> form = new HashMap<>();
        for (String pair : authorize.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        form.put("username", "curator");
        form.put("tenant", "museum");
        form.put("role-story-writer", "on");
        if (reviewer) {
            form.put("role-reviewer", "on");
        }
        Response code = given().redirects().follow(false).formParams(form)
                .when().post(authorize.getScheme() + "://" + authorize.getAuthority() + "/authorize");
        assertThat(code.statusCode()).isEqualTo(302);
        Response back = given().redirects().follow(false).cookies(cookies).when().get(code.header("Location"));
        assertThat(back.statusCode()).as("the studio exchanged the code").isEqualTo(302);
        String session = back.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_session")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        cookies.putAll(back.cookies());
        return cookies;
    }
}
