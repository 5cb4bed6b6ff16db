package io.starloom.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** For tests: which addresses the devstack's listeners are bound to, and whether they answer on one. */
final class Listeners {
    /** State LISTEN in /proc/net/tcp. */
    private static final String LISTEN = "0A";
    private static final Pattern JDBC_PORT = Pattern.compile("//[^/]*:(\\d+)/");

    private Listeners() {
    }

    /** Each part's listening port, by name (postgres, amqp, oidc), from the settings the devstack hands out. */
    static Map<String, Integer> ports(DevStack stack) {
        Map<String, String> env = stack.env();
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (env.containsKey("STARLOOM_DB_JDBC_URL")) {
            Matcher port = JDBC_PORT.matcher(env.get("STARLOOM_DB_JDBC_URL"));
            if (!port.find()) {
                throw new IllegalStateException("no port in " + env.get("STARLOOM_DB_JDBC_URL"));
            }
            ports.put("postgres", Integer.parseInt(port.group(1)));
        }
        if (env.containsKey("AMQP_PORT")) {
            ports.put("amqp", Integer.parseInt(env.get("AMQP_PORT")));
        }
        if (env.containsKey("STARLOOM_OIDC_URL")) {
            ports.put("oidc", URI.create(env.get("STARLOOM_OIDC_URL")).getPort());
        }
        return ports;
    }

    /** The local addresses of every TCP socket of this machine (this network namespace) listening on the port. */
    static List<InetAddress> boundAddresses(int port) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue; // no IPv6 in this kernel
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) { // after the header
                    String[] fields = line.strip().split("\\s+");
                    String[] local = fields[1].split(":");
                    if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                        addresses.add(decode(local[0]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return addresses;
    }

    /** /proc/net/tcp's hex address: 32-bit words in host (little-endian) order. */
    private static InetAddress decode(String hex) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 8) {
            bytes.putInt(Integer.reverseBytes((int) Long.parseLong(hex.substring(i, i + 8), 16)));
        }
        try {
            return InetAddress.getByAddress(bytes.array());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }

    /** An IPv4 address of this machine on an interface that is up and not the loopback one, if there is any. */
    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** Whether a TCP connection to the address and port is accepted. */
    static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refusedOrUnreachable) {
            return false;
        }
    }
}
