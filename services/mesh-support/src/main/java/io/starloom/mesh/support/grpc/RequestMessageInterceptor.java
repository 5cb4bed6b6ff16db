package io.starloom.mesh.support.grpc;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.protobuf.Message;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.grpc.server.GrpcServerOptions;

/**
 * Answers a call whose client sends one request message (unary and server-streaming RPCs) with
 * INVALID_ARGUMENT and a description when that message is missing, unreadable or followed by another,
 * and names the limit when the transport refuses an oversize one.
 * <p>
 * On Quarkus's Vert.x gRPC server (the one on the HTTP port) a request body the protobuf marshaller cannot
 * parse is dropped: the bridge to grpc-java decodes inside the stream's message handler, the parse error
 * escapes to the event loop, and the call half-closes as if no message had come, which grpc-java's unary
 * handler answers with INTERNAL "Half-closed without a request". The same server refuses a message over
 * {@code quarkus.grpc.server.max-inbound-message-size} with a bare RESOURCE_EXHAUSTED.
 * <p>
 * Self-contained; it runs outside Quarkus's own interceptors so that it starts while the HTTP request is
 * still being dispatched, when the request's RoutingContext can be reached.
 */
@ApplicationScoped
@GlobalInterceptor
public class RequestMessageInterceptor implements ServerInterceptor, Prioritized {
    private final long maxMessageSize;

    public RequestMessageInterceptor(@ConfigProperty(name = "quarkus.grpc.server.max-inbound-message-size") Optional<Integer> maxMessageSize) {
        this.maxMessageSize = maxMessageSize.map(Integer::longValue).orElse(GrpcServerOptions.DEFAULT_MAX_MESSAGE_SIZE);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        if (!call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        OneRequest<ReqT> listener = new OneRequest<>(call, next.startCall(call, headers), messageName(call.getMethodDescriptor()),
                "the request message is larger than this server's limit of " + maxMessageSize + " bytes");
        routingContext().ifPresent(routing -> routing.addHeadersEndHandler(ignored -> listener.answering(routing.response().headers())));
        return listener;
    }

    /** Just inside {@link StatusMessageInterceptor}, outside every Quarkus interceptor. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 1;
    }

    /** Quarkus's gRPC route keeps the HTTP request's RoutingContext in this context-local while the call starts. */
    private static Optional<RoutingContext> routingContext() {
        Context context = Vertx.currentContext();
        return Optional.ofNullable(context == null ? null : context.getLocal(RoutingContext.class.getName()));
    }

    private static String messageName(MethodDescriptor<?, ?> method) {
        if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller
                && marshaller.getMessagePrototype() instanceof Message prototype) {
            return prototype.getDescriptorForType().getFullName();
        }
        return method.getFullMethodName() + " request";
    }

    /** Listener callbacks come one at a time; the headers callback runs on whichever thread writes the response. */
    private static final class OneRequest<ReqT> extends SimpleForwardingServerCallListener<ReqT> {
        private static final String RESOURCE_EXHAUSTED = String.valueOf(Status.Code.RESOURCE_EXHAUSTED.value());

        private final ServerCall<ReqT, ?> call;
        private final String messageName;
        private final String tooLarge;
        private int messages;
        private volatile boolean halfClosed;
        private volatile boolean refused;
        private volatile boolean refusedByTransport;

        OneRequest(ServerCall<ReqT, ?> call, ServerCall.Listener<ReqT> delegate, String messageName, String tooLarge) {
            super(delegate);
            this.call = call;
            this.messageName = messageName;
            this.tooLarge = tooLarge;
        }

        @Override
        public void onMessage(ReqT message) {
            if (refused) {
                return;
            }
            if (++messages > 1) {
                refuse("expected one " + messageName + " message and received more");
                return;
            }
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            halfClosed = true;
            if (refusedByTransport) {
                // The response is already written; the application only hears that the call is over.
                super.onCancel();
            } else if (!refused && messages == 0) {
                refuse("expected one " + messageName + " message and received none that could be read: "
                        + "the request is empty or is not valid protobuf");
            } else if (!refused) {
                super.onHalfClose();
            }
        }

        /**
         * Called as the response headers are written. Until the client half-closes, nothing of the application
         * has run, so a RESOURCE_EXHAUSTED without a message is the transport's refusal of an oversize message.
         */
        void answering(MultiMap responseHeaders) {
            if (!halfClosed && RESOURCE_EXHAUSTED.equals(responseHeaders.get("grpc-status")) && !responseHeaders.contains("grpc-message")) {
                // Plain ASCII without '%', so already in the spec's percent-encoding.
                responseHeaders.set("grpc-message", tooLarge);
                refused = true;
                refusedByTransport = true;
            }
        }

        private void refuse(String description) {
            refused = true;
            call.close(Status.INVALID_ARGUMENT.withDescription(description), new Metadata());
        }
    }
}
