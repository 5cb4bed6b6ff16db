package io.starloom.scheduler.webhooks.application;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.StoryOptions;

/** Checks a submission's own webhook URL before the story is stored: SSRF rules, and a secret to sign with. */
@ApplicationScoped
public class StoryWebhooks {
    static final String FIELD = "webhookUrl";

    private final TargetVetting vetting;
    private final WebhookEndpoints endpoints;

    public StoryWebhooks(TargetVetting vetting, WebhookEndpoints endpoints) {
        this.vetting = vetting;
        this.endpoints = endpoints;
    }

    /** A bad URL is a 400 naming webhookUrl; a tenant without a story webhook secret a 422 naming it. */
    public Uni<Void> check(Caller caller, StoryOptions options) {
        if (options.webhookUrl() == null) {
            return Uni.createFrom().voidItem();
        }
        return vetting.vetField(FIELD, options.webhookUrl()).chain(() -> Panache.withSession(() -> endpoints.hasStorySecret(caller.tenant())))
                .invoke(hasSecret -> {
                    if (!hasSecret) {
                        throw new InvalidRequestException(List.of(new FieldError(FIELD, ErrorCode.STORY_WEBHOOK_NO_SECRET)), true);
                    }
                }).replaceWithVoid();
    }
}
