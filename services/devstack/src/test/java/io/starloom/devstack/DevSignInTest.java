package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The development sign-in over real HTTP: the code flow with PKCE S256, and every way a request is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSignInTest {
    private static final String REDIRECT = "http://127.0.0.1:8190/signed-in";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789";

    private LocalOidcIssuer issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path state) {
        issuer = new LocalOidcIssuer(state.resolve("key.pem"), "127.0.0.1", "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        issuer.close();
    }

    @Test
    void discoveryNamesTheEndpointsAndS256() throws Exception {
        String discovery = get("/.well-known/openid-configuration").body();
        assertThat(discovery).contains("\"authorization_endpoint\":\"" + issuer.issuer() + "/authorize\"")
                .contains("\"token_endpoint\":\"" + issuer.issuer() + "/token\"").contains("\"code_challenge_methods_supported\":[\"S256\"]");
    }

    @Test
    void codeForTokensWithTheRightVerifierOnly() throws Exception {
        Map<String, String> request = authorizationRequest(REDIRECT);
        HttpResponse<String> page = get("/authorize?" + form(request));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"code_challenge\" value=\"" + DevSignIn.s256(VERIFIER) + "\"");

        String code = signIn(request);
        HttpResponse<String> wrong = token(code, "x".repeat(43), REDIRECT);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant");
        assertThat(token(code, VERIFIER, REDIRECT).statusCode()).as("a code is used once, even after a failed try").isEqualTo(400);

        String second = signIn(request);
        assertThat(token(second, VERIFIER, "http://127.0.0.1:9999/elsewhere").statusCode()).isEqualTo(400);
        HttpResponse<String> tokens = token(signIn(request), VERIFIER, REDIRECT);
        assertThat(tokens.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id_token\":\"([^\"]+)\"").matcher(tokens.body());
        assertThat(id.find()).isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(id.group(1).split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"aud\":\"starloom-studio\"").contains("\"tenant\":\"museum\"").contains("\"nonce\":\"n-1\"")
                .contains("\"groups\":[\"story-writer\",\"reviewer\"]");
        Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(tokens.body());
        assertThat(access.find()).isTrue();
        assertThat(new String(Base64.getUrlDecoder().decode(access.group(1).split("\\.")[1]), StandardCharsets.UTF_8))
                .contains("\"aud\":\"starloom\"").doesNotContain("nonce");
    }

    @Test
    void refusesWithoutPkceOtherClientsAndRedirectsOffThisMachine() throws Exception {
        Map<String, String> noPkce = authorizationRequest(REDIRECT);
        noPkce.remove("code_challenge");
        assertThat(get("/authorize?" + form(noPkce)).statusCode()).isEqualTo(400);
        Map<String, String> plain = authorizationRequest(REDIRECT);
        plain.put("code_challenge_method", "plain");
        assertThat(get("/authorize?" + form(plain)).statusCode()).isEqualTo(400);
        Map<String, String> client = authorizationRequest(REDIRECT);
        client.put("client_id", "someone-else");
        assertThat(get("/authorize?" + form(client)).statusCode()).isEqualTo(400);
        HttpResponse<String> remote = get("/authorize?" + form(authorizationRequest("https://evil.example/signed-in")));
        assertThat(remote.statusCode()).isEqualTo(400);
        assertThat(remote.headers().firstValue("Location")).isEmpty();
    }

    private Map<String, String> authorizationRequest(String redirect) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", DevSignIn.CLIENT_ID);
        request.put("redirect_uri", redirect);
        request.put("state", "s-1");
        request.put("nonce", "n-1");
        request.put("code_challenge", DevSignIn.s256(VERIFIER));
        request.put("code_challenge_method", "S256");
        return request;
    }

    /** Posts the login form as a user would and returns the code from the redirect. */
    private String signIn(Map<String, String> request) throws IOException, InterruptedException {
        Map<String, String> posted = new LinkedHashMap<>(request);
        posted.put("username", "curator");
        posted.put("tenant", "museum");
        posted.put("role-story-writer", "on");
        posted.put("role-reviewer", "on");
        HttpResponse<String> redirect = post("/authorize", posted);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=s-1");
        return java.net.URLDecoder.decode(location.replaceAll(".*code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> token(String code, String verifier, String redirect) throws IOException, InterruptedException {
        return post("/token", Map.of("grant_type", "authorization_code", "code", code, "client_id", DevSignIn.CLIENT_ID,
                "redirect_uri", redirect, "code_verifier", verifier));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
