package io.starloom.devstack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * What to start and where to keep its state. Port 0 means "any free port".
 *
 * @param stateDir database files, broker journal and the OIDC signing key live here
 * @param bindHost the address every listener (PostgreSQL, AMQP, OIDC) binds to: {@value #LOOPBACK} by default,
 *        so nothing is reachable from other machines; {@code 0.0.0.0} (or {@code *}) for every interface
 */
public record DevStackOptions(Path stateDir, boolean postgres, boolean broker, boolean oidc, int postgresPort, int amqpPort,
        int oidcPort, String bindHost) {
    public static final String LOOPBACK = "127.0.0.1";

    public DevStackOptions {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("the bind host must not be empty");
        }
        bindHost = "*".equals(bindHost.strip()) ? "0.0.0.0" : bindHost.strip();
    }

    /** Whether {@link #bindHost()} means every interface ({@code 0.0.0.0}, {@code ::}). */
    public boolean bindsEveryInterface() {
        if (!bindHost.matches("[0-9.:]+")) {
            return false; // a host name, never the wildcard; not resolved here
        }
        try {
            return InetAddress.getByName(bindHost).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host that clients on this machine connect to: the bind host, or {@value #LOOPBACK} when that is the wildcard. */
    public String connectHost() {
        return bindsEveryInterface() ? LOOPBACK : bindHost;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path stateDir = Path.of("out/.devstack");
        private boolean postgres = true;
        private boolean broker = true;
        private boolean oidc = true;
        private int postgresPort;
        private int amqpPort;
        private int oidcPort;
        private String bindHost = LOOPBACK;

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder postgres(boolean postgres) {
            this.postgres = postgres;
            return this;
        }

        public Builder broker(boolean broker) {
            this.broker = broker;
            return this;
        }

        public Builder oidc(boolean oidc) {
            this.oidc = oidc;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder amqpPort(int port) {
            this.amqpPort = port;
            return this;
        }

        public Builder oidcPort(int port) {
            this.oidcPort = port;
            return this;
        }

        /** Where the listeners bind; {@value DevStackOptions#LOOPBACK} unless set. */
        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        public DevStackOptions build() {
            return new DevStackOptions(stateDir.toAbsolutePath().normalize(), postgres, broker, oidc, postgresPort, amqpPort, oidcPort,
                    bindHost);
        }
    }
}
