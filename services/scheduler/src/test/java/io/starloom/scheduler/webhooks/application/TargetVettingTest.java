package io.starloom.scheduler.webhooks.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.webhooks.domain.Cidr;
import io.starloom.scheduler.webhooks.domain.TargetPolicy;
import io.starloom.scheduler.webhooks.domain.TargetRefusedException;

/** Resolution and rebinding: every address a name resolves to must pass, and the checked one is the one connected to. */
class TargetVettingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A resolver that answers from a table, as a hostile DNS server may. */
    private static HostResolver answering(Map<String, List<InetAddress>> table) {
        return host -> table.containsKey(host) ? Uni.createFrom().item(table.get(host))
                : Uni.createFrom().failure(new java.io.UncheckedIOException(new UnknownHostException(host)));
    }

    private final TargetVetting vetting = new TargetVetting(new TargetPolicy(false, List.of()), answering(Map.of(
            "public.example", List.of(ip("93.184.215.14")),
            "rebind.example", List.of(ip("93.184.215.14"), ip("127.0.0.1")),
            "metadata.example", List.of(ip("169.254.169.254")),
            "mapped.example", List.of(ip("2606:4700::1"), InetAddress.getByAddress(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                    10, 0, 0, 1 })))));

    TargetVettingTest() throws UnknownHostException {
    }

    @Test
    void aPublicNameIsConnectedToAtTheAddressThatWasChecked() {
        TargetVetting.Vetted vetted = vetting.vet("https://public.example/hook").await().atMost(WAIT);
        assertThat(vetted.address()).isEqualTo(ip("93.184.215.14"));
        assertThat(vetted.target().host()).isEqualTo("public.example");
    }

    @Test
    void aNameThatAlsoAnswersLoopbackIsRefusedAlthoughItsFirstAnswerIsPublic() {
        assertThatThrownBy(() -> vetting.vet("https://rebind.example/hook").await().atMost(WAIT))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("127.0.0.1").hasMessageContaining("loopback");
    }

    @Test
    void namesOfMetadataAndIpv4MappedPrivateAddressesAreRefused() {
        assertThatThrownBy(() -> vetting.vet("https://metadata.example/").await().atMost(WAIT)).hasMessageContaining("metadata");
        assertThatThrownBy(() -> vetting.vet("https://mapped.example/").await().atMost(WAIT)).hasMessageContaining("10.0.0.1")
                .hasMessageContaining("private");
    }

    @Test
    void anUnknownNameIsRefusedAndAFieldErrorNamesTheField() {
        assertThatThrownBy(() -> vetting.vet("https://nowhere.example/").await().atMost(WAIT)).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> vetting.vetField("webhookUrl", "https://rebind.example/").await().atMost(WAIT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("webhookUrl"));
    }

    @Test
    void anOperatorAllowedBlockLetsALocalReceiverThrough() {
        TargetVetting local = new TargetVetting(new TargetPolicy(true, List.of(Cidr.parse("127.0.0.1/32"))),
                answering(Map.of("receiver.test", List.of(ip("127.0.0.1")))));
        assertThat(local.vet("http://receiver.test:8089/hook").await().atMost(WAIT).address()).isEqualTo(ip("127.0.0.1"));
    }
}
