package io.starloom.scheduler.webhooks.application;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.config.WebhookConfig;
import io.starloom.scheduler.webhooks.domain.Cidr;
import io.starloom.scheduler.webhooks.domain.TargetPolicy;
import io.starloom.scheduler.webhooks.domain.TargetRefusedException;
import io.starloom.scheduler.webhooks.domain.WebhookTarget;

/**
 * Checks a webhook URL against the SSRF rules, at registration and again before every delivery. The name
 * is resolved once, every address it resolves to must pass (a name that also answers 127.0.0.1 is refused
 * outright), and the delivery connects to the address that was checked, so a DNS answer that changes
 * between the check and the connection (rebinding) cannot redirect it.
 */
@ApplicationScoped
public class TargetVetting {
    /** A URL that passed, and the checked address to connect to. */
    public record Vetted(WebhookTarget target, InetAddress address) {
    }

    private final TargetPolicy policy;
    private final HostResolver resolver;

    @Inject
    public TargetVetting(WebhookConfig config, HostResolver resolver) {
        this(new TargetPolicy(config.allowHttp(), config.allowedCidrs().orElse(List.of()).stream().map(Cidr::parse).toList()), resolver);
    }

    TargetVetting(TargetPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** Fails with TargetRefusedException, its message saying why. */
    public Uni<Vetted> vet(String url) {
        WebhookTarget target;
        try {
            target = policy.parse(url);
        } catch (TargetRefusedException e) {
            return Uni.createFrom().failure(e);
        }
        if (target.literal().isPresent()) {
            return Uni.createFrom().item(new Vetted(target, target.literal().get()));
        }
        return resolver.resolve(target.host())
                .onFailure(failure -> failure instanceof UncheckedIOException || failure instanceof java.net.UnknownHostException)
                .transform(failure -> new TargetRefusedException("host " + target.host() + " does not resolve"))
                .map(addresses -> {
                    if (addresses.isEmpty()) {
                        throw new TargetRefusedException("host " + target.host() + " does not resolve");
                    }
                    for (InetAddress address : addresses) {
                        policy.refusal(address).ifPresent(why -> {
                            throw new TargetRefusedException("host " + target.host() + " resolves to " + why);
                        });
                    }
                    return new Vetted(target, addresses.get(0));
                });
    }

    /** The same check for a request field: a refusal is a 400 naming {@code field}. */
    public Uni<Void> vetField(String field, String url) {
        return vet(url).replaceWithVoid().onFailure(TargetRefusedException.class)
                .transform(e -> new InvalidRequestException(List.of(new FieldError(field, ErrorCode.WEBHOOK_URL_REFUSED, e.getMessage())), false));
    }
}
