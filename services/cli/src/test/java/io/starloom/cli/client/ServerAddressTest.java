package io.starloom.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

class ServerAddressTest {
    @Test
    void httpIsPlaintextOnTheGivenPort() {
        ServerAddress address = ServerAddress.parse("http://127.0.0.1:8080");

        assertThat(address.tls()).isFalse();
        assertThat(address.host()).isEqualTo("127.0.0.1");
        assertThat(address.port()).isEqualTo(8080);
        assertThat(address.rest("v1/stories/7/subtitles.vtt")).hasToString("http://127.0.0.1:8080/v1/stories/7/subtitles.vtt");
    }

    @Test
    void httpsIsTlsOnPort443AndKeepsAPathPrefixForRest() {
        ServerAddress address = ServerAddress.parse("https://api.starloom.example/prefix");

        assertThat(address.tls()).isTrue();
        assertThat(address.port()).isEqualTo(443);
        assertThat(address.rest("v1/stories")).hasToString("https://api.starloom.example/prefix/v1/stories");
        assertThat(address).hasToString("https://api.starloom.example/prefix");
    }

    @Test
    void anythingButAnHttpUrlIsBadInput() {
        for (String wrong : new String[] { "127.0.0.1:8080", "grpc://host:1", "http://", "not a url" }) {
            assertThatThrownBy(() -> ServerAddress.parse(wrong)).as(wrong).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT)).hasMessageContaining("--server");
        }
    }
}
