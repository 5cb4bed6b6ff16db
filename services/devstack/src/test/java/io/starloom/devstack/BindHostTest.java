package io.starloom.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the devstack's listeners bind: loopback by default, elsewhere only when asked (--bind, STARLOOM_BIND_HOST). */
class BindHostTest {

    @Test
    void loopbackUnlessTheCommandLineOrTheEnvironmentSaysOtherwise() {
        assertThat(Main.parse(null).build().bindHost()).isEqualTo("127.0.0.1");
        assertThat(Main.parse("", "--state-dir", "x").build().bindHost()).isEqualTo("127.0.0.1");
        assertThat(Main.parse("0.0.0.0").build().bindHost()).as("STARLOOM_BIND_HOST").isEqualTo("0.0.0.0");
        assertThat(Main.parse("0.0.0.0", "--bind", "127.0.0.1").build().bindHost()).as("--bind wins").isEqualTo("127.0.0.1");
        DevStackOptions options = Main.parse(null, "--bind", "*", "--amqp-port", "5672").build();
        assertThat(options.bindHost()).isEqualTo("0.0.0.0");
        assertThat(options.amqpPort()).isEqualTo(5672);

        assertThatThrownBy(() -> Main.parse(null, "--bind")).hasMessage("--bind needs a value");
        assertThatThrownBy(() -> Main.parse(null, "--bind", " ")).hasMessage("--bind needs a value");
        assertThatThrownBy(() -> Main.parse(null, "--pg-port", "x")).hasMessageContaining("--pg-port needs a port number");
        assertThatThrownBy(() -> Main.parse(null, "--listen", "x")).hasMessage("unknown option --listen");
    }

    @Test
    void clientsOnThisMachineAreToldAnAddressTheyCanReach() {
        DevStackOptions.Builder builder = DevStackOptions.builder();
        assertThat(builder.build().connectHost()).isEqualTo("127.0.0.1");
        assertThat(builder.bindHost("0.0.0.0").build().connectHost()).isEqualTo("127.0.0.1");
        assertThat(builder.bindHost("::").build().connectHost()).isEqualTo("127.0.0.1");
        assertThat(builder.bindHost("192.0.2.7").build().connectHost()).isEqualTo("192.0.2.7");

        assertThat(DevStack.listenAddresses(builder.bindHost("127.0.0.1").build())).isEqualTo("127.0.0.1");
        assertThat(DevStack.listenAddresses(builder.bindHost("0.0.0.0").build())).isEqualTo("*");
        assertThat(DevStack.listenAddresses(builder.bindHost("192.0.2.7").build()))
                .as("Zonky checks start-up over localhost").isEqualTo("192.0.2.7,127.0.0.1");
        assertThat(DevStack.urlHost("::1")).isEqualTo("[::1]");
        assertThat(DevStack.urlHost("127.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void everyInterfaceWhenAskedFor(@TempDir Path state) {
        DevStackOptions options = DevStackOptions.builder().stateDir(state).postgres(false).bindHost("0.0.0.0").build();
        try (DevStack stack = DevStack.start(options)) {
            Map<String, String> env = stack.env();
            assertThat(env).containsEntry("AMQP_HOST", "127.0.0.1");
            assertThat(env.get("STARLOOM_OIDC_URL")).startsWith("http://127.0.0.1:");
            Map<String, Integer> ports = Listeners.ports(stack);
            assertThat(ports).containsOnlyKeys("amqp", "oidc");
            ports.forEach((part, port) -> {
                List<InetAddress> bound = Listeners.boundAddresses(port);
                assertThat(bound).as(part + " listens").isNotEmpty();
                assertThat(bound).as(part + " binds to every interface").allMatch(InetAddress::isAnyLocalAddress);
            });
            Optional<InetAddress> external = Listeners.nonLoopbackAddress();
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to reach the listeners on");
            ports.forEach((part, port) -> assertThat(Listeners.answers(external.get(), port))
                    .as(part + " answers on " + external.get()).isTrue());
        }
    }
}
