package io.starloom.devstack;

import java.nio.file.Path;

/**
 * What to start and where to keep its state. Port 0 means "any free port".
 *
 * @param stateDir database files, broker journal and the OIDC signing key live here
 */
public record DevStackOptions(Path stateDir, boolean postgres, boolean broker, boolean oidc, int postgresPort, int amqpPort,
        int oidcPort) {

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

        public DevStackOptions build() {
            return new DevStackOptions(stateDir.toAbsolutePath().normalize(), postgres, broker, oidc, postgresPort, amqpPort, oidcPort);
        }
    }
}
