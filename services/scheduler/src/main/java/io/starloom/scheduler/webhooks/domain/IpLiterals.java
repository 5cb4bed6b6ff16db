package io.starloom.scheduler.webhooks.domain;

import java.util.regex.Pattern;

/**
 * Host names that URL parsers read as IPv4 addresses. WHATWG URLs (browsers, many HTTP clients) and
 * inet_aton read {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1} as 127.0.0.1; only
 * the canonical dotted quad is accepted, so what is checked is what every parser connects to.
 */
final class IpLiterals {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final Pattern CANONICAL_OCTET = Pattern.compile("(0|[1-9][0-9]{0,2})");

    private IpLiterals() {
    }

    /** True when the last label is a number: a parser then takes the whole host for an IPv4 address. */
    static boolean looksNumeric(String host) {
        String[] labels = host.split("\\.", -1);
        return NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    static boolean isCanonicalIpv4(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            if (!CANONICAL_OCTET.matcher(label).matches() || Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }
}
