package io.starloom.mesh.support.grpc;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Writes every status description as a {@code grpc-message} trailer in the gRPC spec's percent-encoding,
 * so that every client reads back exactly the description.
 * <p>
 * The Vert.x gRPC server (Quarkus's server on the HTTP port) encodes the description with
 * {@code java.net.URLEncoder}, which also escapes every reserved ASCII character ({@code :} becomes
 * {@code %3A}). grpc-js decodes {@code grpc-message} with {@code decodeURI}, which leaves such escapes as
 * they are, so Node clients saw {@code text%3A a story is…}. The spec escapes only bytes outside 0x20–0x7E
 * and {@code %}, which every decoder undoes. The description is also kept short enough for a client's
 * header-size limit (8 KiB by default in grpc-java), which a long echo of the caller's input could pass.
 * <p>
 * Self-contained; runs around every other interceptor so that it sees the status the transport writes.
 */
@ApplicationScoped
@GlobalInterceptor
public class StatusMessageInterceptor implements ServerInterceptor, Prioritized {
    /** Longest {@code grpc-message} written, in encoded bytes. */
    static final int MAX_ENCODED_LENGTH = 4096;
    private static final Metadata.Key<String> GRPC_MESSAGE = Metadata.Key.of("grpc-message", Metadata.ASCII_STRING_MARSHALLER);
    /** "…", encoded. */
    private static final String ELLIPSIS = "%E2%80%A6";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        return next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (status.isOk() || status.getDescription() == null) {
                    super.close(status, trailers);
                    return;
                }
                // Without a description the transport writes no grpc-message of its own, so this one stands.
                trailers.discardAll(GRPC_MESSAGE);
                trailers.put(GRPC_MESSAGE, percentEncode(status.getDescription()));
                super.close(status.withDescription(null), trailers);
            }
        }, headers);
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    /** The gRPC spec's Percent-Encoded form of {@code message}, cut at a character boundary to fit the limit. */
    static String percentEncode(String message) {
        StringBuilder encoded = new StringBuilder();
        int fits = 0;
        for (int i = 0; i < message.length(); i += Character.charCount(message.codePointAt(i))) {
            if (encoded.length() <= MAX_ENCODED_LENGTH - ELLIPSIS.length()) {
                fits = encoded.length();
            }
            appendEncoded(encoded, message.codePointAt(i));
            if (encoded.length() > MAX_ENCODED_LENGTH) {
                encoded.setLength(fits);
                return encoded.append(ELLIPSIS).toString();
            }
        }
        return encoded.toString();
    }

    private static void appendEncoded(StringBuilder encoded, int codePoint) {
        if (codePoint >= 0x20 && codePoint <= 0x7E && codePoint != '%') {
            encoded.append((char) codePoint);
            return;
        }
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}
