package io.starloom.scheduler.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a webhook may call (server-side request forgery): https only (http only where the operator allows it
 * for local work), no user info, and only public unicast addresses — never loopback, private, link-local,
 * carrier-grade NAT, multicast, reserved or cloud-metadata ones, also not when an IPv6 address embeds an
 * IPv4 one (mapped, compatible, NAT64, 6to4). An operator's allowed blocks win over these rules. The same
 * rules are applied when a URL is registered and, to every resolved address, before each delivery.
 */
public final class TargetPolicy {
    public static final int MAX_URL_LENGTH = 2048;

    private record Block(Cidr cidr, String why) {
        Block(String cidr, String why) {
            this(Cidr.parse(cidr), why);
        }
    }

    private static final List<Block> METADATA = List.of(new Block("169.254.169.254/32", "a cloud metadata address"),
            new Block("fd00:ec2::254/128", "a cloud metadata address"));
    private static final List<Block> V4 = List.of(
            new Block("0.0.0.0/8", "the unspecified network"),
            new Block("10.0.0.0/8", "a private address (RFC 1918)"),
            new Block("100.64.0.0/10", "a carrier-grade NAT address"),
            new Block("127.0.0.0/8", "a loopback address"),
            new Block("169.254.0.0/16", "a link-local address"),
            new Block("172.16.0.0/12", "a private address (RFC 1918)"),
            new Block("192.0.0.0/24", "an IETF protocol address"),
            new Block("192.0.2.0/24", "a documentation address"),
            new Block("192.168.0.0/16", "a private address (RFC 1918)"),
            new Block("198.18.0.0/15", "a benchmarking address"),
            new Block("198.51.100.0/24", "a documentation address"),
            new Block("203.0.113.0/24", "a documentation address"),
            new Block("224.0.0.0/4", "a multicast address"),
            new Block("240.0.0.0/4", "a reserved or broadcast address"));
    private static final List<Block> V6 = List.of(
            new Block("::/128", "the unspecified address"),
            new Block("::1/128", "a loopback address"),
            new Block("100::/64", "a discard address"),
            new Block("2001::/32", "a Teredo address"),
            new Block("2001:db8::/32", "a documentation address"),
            new Block("fc00::/7", "a unique local address (fc00::/7)"),
            new Block("fe80::/10", "a link-local address"),
            new Block("fec0::/10", "a site-local address"),
            new Block("ff00::/8", "a multicast address"));
    /**
     * IPv6 forms that carry an IPv4 address, and where: prefix and the offset of the four bytes. Java turns
     * IPv4-mapped addresses (::ffff:a.b.c.d) into IPv4 ones when it parses them; {@link #embeddedV4} checks
     * their bytes in case one arrives as IPv6 anyway.
     */
    private static final List<Block> EMBEDDING_V4 = List.of(new Block("::/96", "12"), new Block("64:ff9b::/96", "12"),
            new Block("2002::/16", "2"));

    private final boolean allowHttp;
    private final List<Cidr> allowed;

    /**
     * @param allowHttp plain http is accepted too (local development and tests only)
     * @param allowed blocks the operator allows although the rules refuse them, e.g. 127.0.0.1/32 for a local receiver
     */
    public TargetPolicy(boolean allowHttp, List<Cidr> allowed) {
        this.allowHttp = allowHttp;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The URL's parts once its syntax and, for an IP literal, its address pass.
     *
     * @throws TargetRefusedException with the reason, for people
     */
    public WebhookTarget parse(String url) {
        if (url == null || url.isBlank()) {
            throw new TargetRefusedException("a URL is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new TargetRefusedException("a URL has at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new TargetRefusedException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        if (!https && !(scheme.equals("http") && allowHttp)) {
            throw new TargetRefusedException(scheme.isEmpty() ? "must be an absolute https URL"
                    : "must use https, not " + scheme + (scheme.equals("http") ? " (http is for local development, where the operator allows it)" : ""));
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new TargetRefusedException("must not carry user info (user:password@)");
        }
        if (uri.getHost() == null) {
            // java.net.URI leaves the host of https://2130706433/ unparsed; WHATWG parsers read it as 127.0.0.1.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
            throw new TargetRefusedException(!authority.isEmpty() && IpLiterals.looksNumeric(authority) ? nonCanonical(authority)
                    : "has no valid host name");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefusedException("must not have a fragment (#…)");
        }
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new TargetRefusedException("port " + port + " is out of range");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        Optional<InetAddress> literal = Optional.empty();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            literal = Optional.of(literal(host));
        } else if (IpLiterals.looksNumeric(host)) {
            if (!IpLiterals.isCanonicalIpv4(host)) {
                throw new TargetRefusedException(nonCanonical(host));
            }
            literal = Optional.of(literal(host));
        } else if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw new TargetRefusedException("host " + host + " is a loopback name");
        }
        literal.ifPresent(address -> refusal(address).ifPresent(why -> {
            throw new TargetRefusedException(why);
        }));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new WebhookTarget(uri, https, host, port, requestUri, literal);
    }

    /** Why {@code address} may not be called, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Optional.empty();
        }
        String shown = address.getHostAddress();
        Optional<String> why = blockOf(address);
        if (why.isEmpty() && address instanceof Inet6Address) {
            why = embeddedV4(address).flatMap(v4 -> refusal(v4).map(inner -> "an IPv6 form of " + v4.getHostAddress() + ", " + inner));
        }
        return why.map(reason -> reason.startsWith("an IPv6 form") ? shown + " is " + reason : shown + " is " + reason + ", not a public address");
    }

    private static Optional<String> blockOf(InetAddress address) {
        for (Block block : METADATA) {
            if (block.cidr().contains(address)) {
                return Optional.of(block.why());
            }
        }
        for (Block block : address instanceof Inet4Address ? V4 : V6) {
            if (block.cidr().contains(address)) {
                return Optional.of(block.why());
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> embeddedV4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (isMapped(bytes)) {
            return Optional.of(v4(bytes, 12));
        }
        for (Block form : EMBEDDING_V4) {
            if (form.cidr().contains(address)) {
                return Optional.of(v4(bytes, Integer.parseInt(form.why())));
            }
        }
        return Optional.empty();
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress v4(byte[] bytes, int at) {
        try {
            return InetAddress.getByAddress(new byte[] { bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3] });
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static String nonCanonical(String host) {
        return "host " + host + " is an IP address in a non-canonical form (decimal, octal, hex or short); write it as four decimal numbers a.b.c.d";
    }

    private static InetAddress literal(String host) {
        try {
            // Contains ':' or is a dotted quad: parsed, never looked up.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("host " + host + " is not a valid IP address");
        }
    }
}
