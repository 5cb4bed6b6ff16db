package io.starloom.devstack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;

/**
 * A gRPC client that sends whatever bytes it is given as request messages, for requests no generated stub
 * would send: bytes that are not protobuf, no message, two messages. For tests of services that serve gRPC
 * (grpc-netty comes with them; the devstack itself does not ship it).
 */
public final class RawGrpc implements AutoCloseable {
    /** How a call ended. */
    public record Closed(Status status, Metadata trailers) {
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final ManagedChannel channel;
    private final String token;

    /** A plaintext channel to the server at {@code url} that sends {@code token} as the bearer token. */
    public RawGrpc(URL url, String token) {
        this.channel = NettyChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        this.token = token;
    }

    /** Calls {@code method} with {@code messages} as they are, then half-closes, and waits for the end. */
    public Closed call(MethodDescriptor<?, ?> method, byte[]... messages) throws Exception {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]> newBuilder().setType(method.getType())
                .setFullMethodName(method.getFullMethodName()).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(new Closed(status, trailers));
            }
        }, headers);
        call.request(Integer.MAX_VALUE);
        for (byte[] message : messages) {
            call.sendMessage(message);
        }
        call.halfClose();
        return closed.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
