package io.starloom.scheduler.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * quarkus-oidc's bearer authentication, with the identity of a token it verified reused for that token's next
 * requests. A partner sends thousands of requests with one access token;
 * checking its signature and claims, choosing its issuer and mapping its roles again on each of them was a
 * sixth of the API's CPU. Reuse lasts at most 10 s (starloom.identity.verified-tokens.reuse) and never outlives
 * the token's {@code exp}; a token that failed is never remembered, nor one bound to a key or certificate
 * ({@code cnf}), whose proof is per request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements HttpAuthenticationMechanism {
    private final OidcAuthenticationMechanism oidc;
    private final Cache<String, SecurityIdentity> verified;
    private final boolean enabled;
    private final Counter reused;
    /** What quarkus-oidc names the transport of a bearer token, learnt from its first answer. */
    private volatile HttpCredentialTransport bearerTransport;

    public VerifiedTokens(OidcAuthenticationMechanism oidc, IdentityConfig config, MeterRegistry registry) {
        this.oidc = oidc;
        this.reused = Counter.builder("starloom.identity.tokens.reused")
                .description("Requests whose bearer token was trusted from an earlier verification").register(registry);
        IdentityConfig.VerifiedTokenReuse reuse = config.verifiedTokens();
        this.enabled = !reuse.reuse().isZero() && reuse.maxTokens() > 0;
        this.verified = Caffeine.newBuilder().maximumSize(Math.max(1, reuse.maxTokens()))
                .expireAfter(new UntilExpiry(reuse.reuse())).build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = enabled ? UnverifiedClaims.bearer(context.request().getHeader("Authorization")) : null;
        if (token == null) {
            return oidc.authenticate(context, identityProviderManager);
        }
        SecurityIdentity known = verified.getIfPresent(token);
        if (known != null) {
            reused.increment();
            return Uni.createFrom().item(forRequest(known, context));
        }
        return oidc.authenticate(context, identityProviderManager).invoke(identity -> {
            if (reusable(identity, token)) {
                verified.put(token, identity);
            }
        });
    }

    private static boolean reusable(SecurityIdentity identity, String token) {
        return identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt
                && token.equals(jwt.getRawToken()) && jwt.getExpirationTime() > 0 && !jwt.containsClaim("cnf");
    }

    /** The remembered identity, carrying this request's routing context as quarkus-oidc's own does. */
    private static SecurityIdentity forRequest(SecurityIdentity known, RoutingContext context) {
        return QuarkusSecurityIdentity.builder(known).addAttribute(RoutingContext.class.getName(), context).build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    /**
     * Asked before every authentication; quarkus-oidc answers it by choosing the token's tenant again, which for a
     * token it verified before is already known to be bearer.
     */
    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        HttpCredentialTransport known = bearerTransport;
        if (known != null && enabled) {
            String token = UnverifiedClaims.bearer(context.request().getHeader("Authorization"));
            if (token != null && verified.getIfPresent(token) != null) {
                return Uni.createFrom().item(known);
            }
        }
        return oidc.getCredentialTransport(context).invoke(transport -> {
            if (transport != null && transport.getTransportType() == HttpCredentialTransport.Type.AUTHORIZATION) {
                bearerTransport = transport;
            }
        });
    }

    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }

    /** Remembered for the configured reuse, or until the token expires if that comes first. */
    private record UntilExpiry(Duration reuse) implements Expiry<String, SecurityIdentity> {
        @Override
        public long expireAfterCreate(String token, SecurityIdentity identity, long currentTime) {
            long expires = ((JsonWebToken) identity.getPrincipal()).getExpirationTime();
            Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(expires));
            return Math.max(0, Math.min(reuse.toNanos(), left.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, SecurityIdentity identity, long currentTime, long currentDuration) {
            return expireAfterCreate(token, identity, currentTime);
        }

        @Override
        public long expireAfterRead(String token, SecurityIdentity identity, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
