package io.starloom.scheduler.webhooks.application;

import java.net.InetAddress;
import java.util.List;

import io.smallrye.mutiny.Uni;

/** Looks up a host's addresses; every address is checked, and the connection goes to one of them. */
public interface HostResolver {
    /** Fails with {@link java.net.UnknownHostException} when the name does not resolve. */
    Uni<List<InetAddress>> resolve(String host);
}
