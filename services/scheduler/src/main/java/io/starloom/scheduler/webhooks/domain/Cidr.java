package io.starloom.scheduler.webhooks.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(byte[] network, int prefix, String text) {

    /** @throws IllegalArgumentException when {@code cidr} is not an IP literal with an optional /prefix */
    public static Cidr parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.contains(":") && !IpLiterals.isCanonicalIpv4(address)) {
            throw new IllegalArgumentException("not an address block: " + cidr);
        }
        byte[] bytes;
        try {
            // An IP literal is parsed, never looked up.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address block: " + cidr, e);
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address block: " + cidr, e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + cidr);
        }
        return new Cidr(bytes, prefix, text);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
