package io.starloom.scheduler.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.starloom.scheduler.webhooks.domain.Cidr;
import io.starloom.scheduler.webhooks.domain.TargetPolicy;
import io.starloom.scheduler.webhooks.domain.TargetRefusedException;
import io.starloom.scheduler.webhooks.domain.WebhookTarget;

/** The SSRF rules on URLs as callers write them: each bad form is refused with a reason that names the problem. */
class TargetPolicyTest {
    private final TargetPolicy policy = new TargetPolicy(false, List.of());

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "http://example.com/hook | must use https",
            "ftp://example.com/hook | must use https",
            "file:///etc/passwd | must use https",
            "gopher://example.com:70/_x | must use https",
            "javascript:alert(1) | must use https",
            "//example.com/hook | absolute https URL",
            "example.com/hook | absolute https URL",
            "https://user:pass@example.com/hook | user info",
            "https://user@example.com/hook | user info",
            "https://example.com@127.0.0.1/hook | user info",
            "https://example.com/hook#frag | fragment",
            "https://localhost/hook | loopback name",
            "https://api.localhost/hook | loopback name",
            "https://127.0.0.1/hook | loopback",
            "https://127.1.2.3/hook | loopback",
            "https://0.0.0.0/hook | unspecified",
            "https://10.1.2.3/hook | private",
            "https://172.16.0.1/hook | private",
            "https://172.31.255.255/hook | private",
            "https://192.168.1.1/hook | private",
            "https://100.64.0.1/hook | carrier-grade NAT",
            "https://100.127.255.254/hook | carrier-grade NAT",
            "https://169.254.169.254/latest/meta-data | metadata",
            "https://169.254.1.1/hook | link-local",
            "https://224.0.0.1/hook | multicast",
            "https://239.255.255.250/hook | multicast",
            "https://255.255.255.255/hook | broadcast",
            "https://[::1]/hook | loopback",
            "https://[::]/hook | unspecified",
            "https://[fe80::1]/hook | link-local",
            "https://[fc00::1]/hook | unique local",
            "https://[fd12:3456::1]/hook | unique local",
            "https://[fd00:ec2::254]/latest/meta-data | metadata",
            "https://[ff02::1]/hook | multicast",
            "https://[::ffff:127.0.0.1]/hook | loopback",
            "https://[::ffff:7f00:1]/hook | loopback",
            "https://[::ffff:169.254.169.254]/hook | metadata",
            "https://[::ffff:10.0.0.1]/hook | private",
            "https://[::127.0.0.1]/hook | loopback",
            "https://[64:ff9b::a9fe:a9fe]/hook | metadata",
            "https://[2002:7f00:1::]/hook | loopback",
            "https://2130706433/hook | non-canonical",
            "https://0x7f000001/hook | non-canonical",
            "https://0177.0.0.1/hook | non-canonical",
            "https://0x7f.0.0.1/hook | non-canonical",
            "https://127.1/hook | non-canonical",
            "https://127.0.1/hook | non-canonical",
            "https://017700000001/hook | non-canonical",
            "https://1.2.3.4.5/hook | non-canonical",
            "https://example.123/hook | non-canonical",
            "https:///hook | no valid host",
            "https://exa mple.com/hook | not a valid URL",
    })
    void refuses(String url, String reason) {
        assertThatThrownBy(() -> policy.parse(url)).isInstanceOf(TargetRefusedException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://example.com/hook", "https://hooks.example.com:8443/a/b?x=1", "https://8.8.8.8/hook",
            "https://[2606:4700:4700::1111]/hook", "HTTPS://Example.COM./hook", "https://172.32.0.1/", "https://100.128.0.1/" })
    void acceptsPublicHttpsUrls(String url) {
        WebhookTarget target = policy.parse(url);
        assertThat(target.https()).isTrue();
        assertThat(target.host()).doesNotEndWith(".").isLowerCase();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://[::ffff:127.0.0.1]/hook", "https://127.0.0.1:9000/hook" })
    void anOperatorsAllowedBlockWinsOverTheRules(String url) {
        TargetPolicy local = new TargetPolicy(true, List.of(Cidr.parse("127.0.0.1/32")));
        assertThat(local.parse(url).literal()).isPresent();
        assertThat(local.parse("http://127.0.0.1:9000/hook").https()).isFalse();
        assertThatThrownBy(() -> local.parse("http://127.0.0.2/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> local.parse("http://10.0.0.1/hook")).hasMessageContaining("private");
    }

    @ParameterizedTest
    @CsvSource({ "10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "100.64.0.0/10, 100.127.0.1, true",
            "100.64.0.0/10, 100.128.0.1, false", "fc00::/7, fdff::1, true", "fc00::/7, fe00::1, false", "127.0.0.1, 127.0.0.1, true" })
    void addressBlocks(String cidr, String address, boolean inside) throws Exception {
        assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.0/33", "example.com/8", "10.0.0/8", "::1/129" })
    void badBlocksAreRefusedAtStartUp(String cidr) {
        assertThatThrownBy(() -> Cidr.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
    }
}
