package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs with {@code -Dstarloom.studio.keycloak=true} only: Keycloak's start dominates it (26–38 s for a start of an
 * already unpacked copy, 236 s for the first one on the shared machine under load 34), which is more than the minute of
 * CI time the studio's tests may add; KeycloakPartnerIT covers Keycloak's tokens at the scheduler in every run.
 *
 * The studio signs in against a real Keycloak (the partner realm's `starloom-studio` client, deploy/keycloak): the
 * authorization code flow with PKCE S256 through Keycloak's own login page, as a browser follows it, the session in
 * the studio's httpOnly cookie afterwards. Only Keycloak and the studio run: the sign-in needs no other service.
 */
class StudioKeycloakIT {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private static Keycloak keycloak;
    private static Process studio;
    private static String studioUrl;
    private static Path studioLog;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("starloom.studio.keycloak"),
                "a real Keycloak's start takes longer than CI's budget for it: run with -Dstarloom.studio.keycloak=true");
        Path root = Path.of(System.getProperty("starloom.repo.root", "../..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("starloom.keycloak.home", "target/keycloak/keycloak-26.5.6")).toAbsolutePath();
        Path work = Files.createDirectories(root.resolve("services/system-tests/target/studio-keycloak"));
        keycloak = new Keycloak(home, root.resolve("deploy/keycloak/starloom-partner-realm.json"), work.resolve("logs/keycloak.log"));
        System.out.printf("Keycloak ready in %d ms%n", keycloak.startupMillis());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        studioUrl = "http://127.0.0.1:" + port;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-jar", root.resolve("services/studio/target/quarkus-app/quarkus-run.jar").toString());
        builder.environment().put("STARLOOM_OIDC_URL", keycloak.issuer());
        builder.environment().put("STARLOOM_STUDIO_SESSION_SECRET", Base64.getEncoder().encodeToString(secret));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        studioLog = work.resolve("logs/studio.log");
        Files.deleteIfExists(studioLog);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(studioLog.toFile()));
        studio = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            assertThat(studio.isAlive()).as("studio running; see " + studioLog).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(studioUrl + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not yet listening
            }
            assertThat(System.nanoTime()).as("studio ready in time; see " + studioLog).isLessThan(deadline);
            Mesh.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        if (studio != null) {
            studio.destroy();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /**
     * Cookies as a browser keeps them for http://127.0.0.1, which it treats as a secure context: Keycloak marks its
     * session cookies Secure, and a browser sends them there; the JDK's CookieManager and its store would not. Only
     * loopback is visited, so the jar keys cookies by name and path alone.
     */
    private static final class LoopbackCookies extends CookieHandler {
        private final Map<String, HttpCookie> jar = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String header = jar.values().stream().filter(cookie -> path.startsWith(pathOf(cookie).replaceAll("/$", "")))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue()).collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    values.stream().flatMap(value -> HttpCookie.parse(value).stream()).forEach(cookie -> {
                        String key = cookie.getName() + "|" + pathOf(cookie);
                        if (cookie.hasExpired()) {
                            jar.remove(key);
                        } else {
                            jar.put(key, cookie);
                        }
                    });
                }
            });
        }

        private static String pathOf(HttpCookie cookie) {
            return cookie.getPath() == null ? "/" : cookie.getPath();
        }
    }

    @Test
    void aPartnerUserSignsInThroughKeycloaksLoginPageWithPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(studioUrl + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.uri().toString()).as("sent to Keycloak with a PKCE challenge").startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
                .contains("client_id=starloom-studio").contains("code_challenge_method=S256").contains("code_challenge=");
        Matcher form = LOGIN_FORM.matcher(login.body());
        assertThat(form.find()).as("Keycloak's login page").isTrue();
        String action = form.group(1).replace("&amp;", "&");

        String credentials = "username=writer-a&password=" + URLEncoder.encode(keycloak.userPassword(), StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(credentials)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().toString()).as("back at the studio's write page").isEqualTo(studioUrl + "/");
        assertThat(signedIn.body()).contains("id=\"write-form\"").contains("writer-a").contains("tenant-a")
                .as("no token in the page").doesNotContain("eyJ");
        List<String> session = signedIn.previousResponse().stream().flatMap(r -> r.headers().allValues("Set-Cookie").stream())
                .filter(cookie -> cookie.startsWith("q_session")).toList();
        assertThat(session).as("the studio's session cookie").isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(URI.create(studioUrl + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.uri().toString()).as("the session holds: no second trip to Keycloak").isEqualTo(studioUrl + "/");
        assertThat(again.body()).contains("id=\"write-form\"");
    }
}
