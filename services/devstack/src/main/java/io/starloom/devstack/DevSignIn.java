package io.starloom.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.starloom.contracts.Roles;

/**
 * The issuer's development sign-in: the authorization code flow with PKCE (RFC 7636, S256 only) for the web
 * studio on this machine. {@code /authorize} shows a form choosing a dev user, tenant and roles instead of asking
 * for a password; {@code /token} exchanges the one-time code for an access token (audience {@code starloom}) and
 * an ID token (audience the client id). Only the studio's client id is known, and only loopback redirect URIs
 * are accepted (as RFC 8252 does for native apps), so a code never leaves the machine.
 */
final class DevSignIn {
    static final String AUTHORIZE = "/authorize";
    static final String TOKEN = "/token";
    static final String CLIENT_ID = "starloom-studio";
    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final List<String> ROLES = List.of(Roles.STORY_WRITER, Roles.STORY_READER, Roles.REVIEWER, Roles.ADMIN);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalOidcIssuer issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private record Grant(String subject, String tenant, List<String> roles, String redirectUri, String challenge,
            String nonce, Instant expires) {
    }

    private DevSignIn(LocalOidcIssuer issuer) {
        this.issuer = issuer;
    }

    static void register(HttpServer server, LocalOidcIssuer issuer) {
        DevSignIn signIn = new DevSignIn(issuer);
        server.createContext(AUTHORIZE, signIn::authorize);
        server.createContext(TOKEN, signIn::token);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        boolean submitted = "POST".equals(exchange.getRequestMethod());
        Map<String, String> params = submitted ? form(exchange) : query(exchange.getRequestURI());
        String redirectUri = params.getOrDefault("redirect_uri", "");
        String problem = authorizationProblem(params, redirectUri);
        if (problem != null) {
            // Never redirect to an unchecked URI: the error is shown here (RFC 6749 4.1.2.1).
            send(exchange, 400, "text/plain; charset=utf-8", problem);
            return;
        }
        if (!submitted) {
            send(exchange, 200, "text/html; charset=utf-8", loginPage(params));
            return;
        }
        String subject = params.getOrDefault("username", "").strip();
        String tenant = params.getOrDefault("tenant", "").strip();
        List<String> roles = ROLES.stream().filter(role -> params.containsKey("role-" + role)).toList();
        if (subject.isEmpty() || tenant.isEmpty() || subject.length() > 64 || tenant.length() > 64) {
            send(exchange, 400, "text/plain; charset=utf-8", "a user name and a tenant of 1..64 characters are required");
            return;
        }
        String code = randomToken();
        codes.values().removeIf(grant -> grant.expires().isBefore(Instant.now()));
        codes.put(code, new Grant(subject, tenant, roles, redirectUri, params.get("code_challenge"),
                params.getOrDefault("nonce", ""), Instant.now().plus(CODE_LIFETIME)));
        String target = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (params.containsKey("state") ? "&state=" + encode(params.get("state")) : "");
        exchange.getResponseHeaders().add("Location", target);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static String authorizationProblem(Map<String, String> params, String redirectUri) {
        if (!CLIENT_ID.equals(params.get("client_id"))) {
            return "unknown client_id; the development sign-in serves " + CLIENT_ID;
        }
        if (!loopbackHttp(redirectUri)) {
            return "redirect_uri must be an http URL on this machine's loopback address";
        }
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code";
        }
        if (!"S256".equals(params.get("code_challenge_method")) || params.getOrDefault("code_challenge", "").length() < 43) {
            return "PKCE is required: code_challenge_method=S256 and a code_challenge";
        }
        return null;
    }

    private static boolean loopbackHttp(String uri) {
        try {
            URI parsed = URI.create(uri);
            return "http".equals(parsed.getScheme()) && parsed.getHost() != null && LOOPBACK.contains(parsed.getHost())
                    && parsed.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            tokenError(exchange, 405, "invalid_request", "POST the code exchange");
            return;
        }
        Map<String, String> params = form(exchange);
        if (!"authorization_code".equals(params.get("grant_type"))) {
            tokenError(exchange, 400, "unsupported_grant_type", "only authorization_code");
            return;
        }
        // A code is used once, whatever the outcome (RFC 6749 4.1.2).
        Grant grant = codes.remove(params.getOrDefault("code", ""));
        if (grant == null || grant.expires().isBefore(Instant.now())) {
            tokenError(exchange, 400, "invalid_grant", "unknown, used or expired code");
            return;
        }
        if (!CLIENT_ID.equals(params.get("client_id")) || !grant.redirectUri().equals(params.get("redirect_uri"))) {
            tokenError(exchange, 400, "invalid_grant", "client_id or redirect_uri differ from the authorization request");
            return;
        }
        String verifier = params.getOrDefault("code_verifier", "");
        if (verifier.length() < 43 || verifier.length() > 128 || !grant.challenge().equals(s256(verifier))) {
            tokenError(exchange, 400, "invalid_grant", "code_verifier does not match the code_challenge");
            return;
        }
        String access = issuer.mintToken(grant.subject(), grant.tenant(), grant.roles());
        String id = issuer.mintToken(grant.subject(), grant.tenant(), grant.roles(), CLIENT_ID, grant.nonce());
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, 200, "application/json", "{\"access_token\":" + LocalOidcIssuer.json(access) + ",\"id_token\":"
                + LocalOidcIssuer.json(id) + ",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"openid\"}");
    }

    private static void tokenError(HttpExchange exchange, int status, String error, String description) throws IOException {
        send(exchange, status, "application/json", "{\"error\":" + LocalOidcIssuer.json(error) + ",\"error_description\":"
                + LocalOidcIssuer.json(description) + "}");
    }

    /** The form keeps the authorization request in hidden fields, so that the POST is checked the same way. */
    private static String loginPage(Map<String, String> params) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "state", "nonce", "code_challenge",
                "code_challenge_method", "scope")) {
            if (params.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(params.get(name))).append("\">");
            }
        }
        StringBuilder roles = new StringBuilder();
        for (String role : ROLES) {
            boolean usual = role.equals(Roles.STORY_WRITER) || role.equals(Roles.STORY_READER);
            roles.append("<label><input type=\"checkbox\" name=\"role-").append(role).append("\"")
                    .append(usual ? " checked" : "").append("> ").append(role).append("</label> ");
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Starloom dev sign-in</title></head><body>"
                + "<h1>Starloom development sign-in</h1><p>Local stack only: choose who you are. 本地开发登录：选择用户、租户和角色。</p>"
                + "<form method=\"post\" action=\"" + AUTHORIZE + "\">" + hidden
                + "<p><label>User / 用户 <input name=\"username\" id=\"username\" value=\"dev\" required maxlength=\"64\"></label></p>"
                + "<p><label>Tenant / 租户 <input name=\"tenant\" id=\"tenant\" value=\"demo\" required maxlength=\"64\"></label></p>"
                + "<fieldset><legend>Roles / 角色</legend>" + roles + "</fieldset>"
                + "<p><button type=\"submit\" id=\"sign-in\">Sign in / 登录</button></p></form></body></html>";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return decode(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(URI uri) {
        return decode(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
