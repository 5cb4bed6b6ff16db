package io.starloom.scheduler.webhooks.application;

import java.net.InetAddress;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The operating system's resolver, which blocks: run on a worker thread. */
@ApplicationScoped
@DefaultBean
public class SystemHostResolver implements HostResolver {
    @Override
    public Uni<List<InetAddress>> resolve(String host) {
        return Uni.createFrom().item(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (java.net.UnknownHostException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
