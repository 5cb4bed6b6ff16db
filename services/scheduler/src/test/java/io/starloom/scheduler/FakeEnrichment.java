package io.starloom.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.starloom.proto.v1.EnrichmentServiceGrpc;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.PreviewStoryboardResponse;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;

/**
 * A stand-in for enrichment's EnrichmentService on a real gRPC port, for the scheduler's unit tests (the system
 * tests use the real one): it plans one shot narrating the text, and records the authorization it was sent.
 * Texts containing "SLOW" answer after the scheduler's deadline, "REFUSE" as enrichment refuses a story,
 * "CRASH" with an internal error whose description must not reach the caller. An edited storyboard is refused for
 * a prompt containing "REFUSE" (field storyboard.shots[i].prompt) and otherwise answered as given.
 */
public class FakeEnrichment implements QuarkusTestResourceLifecycleManager {
    static final AtomicReference<String> LAST_AUTHORIZATION = new AtomicReference<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final String SECRET = "stack trace of enrichment";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Server server;

    @Override
    public Map<String, String> start() {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call, Metadata headers,
                    io.grpc.ServerCallHandler<Q, A> next) {
                LAST_AUTHORIZATION.set(headers.get(AUTHORIZATION));
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(ServerInterceptors.intercept(new Planner(), recordAuthorization)).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.grpc.clients.enrichment.test-port", String.valueOf(server.getPort()),
                "quarkus.grpc.clients.enrichment.port", String.valueOf(server.getPort()),
                "starloom.previews.deadline", "2s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    private static final class Planner extends EnrichmentServiceGrpc.EnrichmentServiceImplBase {
        @Override
        public void previewStoryboard(PreviewStoryboardRequest request, StreamObserver<PreviewStoryboardResponse> response) {
            CALLS.incrementAndGet();
            String text = request.getText();
            if (text.contains("SLOW")) {
                try {
                    Thread.sleep(6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (text.contains("REFUSE")) {
                response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage("story cannot be planned")
                        .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                                .setField("options.max_shots").setReason("INVALID_OPTIONS").setDescription("max_shots must be 1..24")).build())).build()));
                return;
            }
            if (request.hasEditedStoryboard()) {
                edited(request.getEditedStoryboard(), response);
                return;
            }
            if (text.contains("CRASH")) {
                response.onError(Status.INTERNAL.withDescription(SECRET).asRuntimeException());
                return;
            }
            response.onNext(PreviewStoryboardResponse.newBuilder().setStoryboard(Storyboard.newBuilder()
                    .setLanguage(request.getLanguage()).setStyle(request.getStyle()).setTitle("preview")
                    .addShots(Shot.newBuilder().setIndex(0).setNarration(text).setPrompt("the sky: " + text))).build());
            response.onCompleted();
        }

        /** An edit is refused, as enrichment refuses it, when a prompt says "REFUSE"; otherwise it comes back marked edited. */
        private static void edited(Storyboard edit, StreamObserver<PreviewStoryboardResponse> response) {
            BadRequest.Builder refusals = BadRequest.newBuilder();
            for (int i = 0; i < edit.getShotsCount(); i++) {
                if (edit.getShots(i).getPrompt().contains("REFUSE")) {
                    refusals.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("storyboard.shots[" + i + "].prompt")
                            .setDescription("instructions to the generator are not accepted"));
                }
            }
            if (refusals.getFieldViolationsCount() > 0) {
                response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage("storyboard refused").addDetails(Any.pack(refusals.build())).build()));
                return;
            }
            response.onNext(PreviewStoryboardResponse.newBuilder()
                    .setStoryboard(edit.toBuilder().setOrigin(io.starloom.proto.v1.StoryboardOrigin.STORYBOARD_ORIGIN_EDITED)).build());
            response.onCompleted();
        }
    }
}
