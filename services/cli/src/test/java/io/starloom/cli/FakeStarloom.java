package io.starloom.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.DownloadFilmResponse;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.GetStoryResponse;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.SubmitStoryResponse;
import io.starloom.proto.v1.WatchStoryRequest;
import io.starloom.proto.v1.WatchStoryResponse;

/**
 * An in-process StoryService over real gRPC (plaintext HTTP/2 on a free port) that answers with scripted
 * stories and records what the CLI sent, headers included.
 */
public final class FakeStarloom implements AutoCloseable {
    public final List<SubmitStoryRequest> submitted = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** What WatchStory streams per story id; a null element ends that call with UNAVAILABLE (a broken connection). */
    public final Map<String, List<List<Story>>> watchCalls = new ConcurrentHashMap<>();
    public final Map<String, Story> stories = new ConcurrentHashMap<>();
    public final Map<String, byte[]> films = new ConcurrentHashMap<>();
    private final Server server;

    public FakeStarloom() throws IOException {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String authorization = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
                authorizations.add(authorization == null ? "" : authorization);
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forPort(0).addService(ServerInterceptors.intercept(new Service(), recordAuthorization)).build().start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** WatchStory calls for {@code id}: each a list of updates, ending normally unless its last element is null. */
    @SafeVarargs
    public final void watch(String id, List<Story>... calls) {
        watchCalls.put(id, new ArrayList<>(List.of(calls)));
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Service extends StoryServiceGrpc.StoryServiceImplBase {
        @Override
        public void submitStory(SubmitStoryRequest request, StreamObserver<SubmitStoryResponse> response) {
            submitted.add(request);
            if (request.getText().isBlank()) {
                BadRequest violations = BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField("text").setDescription("a story is required and must not be blank")).build();
                response.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage("text: a story is required and must not be blank")
                        .addDetails(Any.pack(violations)).build()));
                return;
            }
            response.onNext(SubmitStoryResponse.newBuilder().setStory(stories.getOrDefault("submitted",
                    Story.newBuilder().setId("submitted").build())).build());
            response.onCompleted();
        }

        @Override
        public void getStory(GetStoryRequest request, StreamObserver<GetStoryResponse> response) {
            Story story = stories.get(request.getStoryId());
            if (story == null) {
                response.onError(Status.NOT_FOUND.withDescription("no story " + request.getStoryId()).asRuntimeException());
                return;
            }
            response.onNext(GetStoryResponse.newBuilder().setStory(story).build());
            response.onCompleted();
        }

        @Override
        public void watchStory(WatchStoryRequest request, StreamObserver<WatchStoryResponse> response) {
            List<List<Story>> calls = watchCalls.get(request.getStoryId());
            if (calls == null || calls.isEmpty()) {
                response.onError(Status.NOT_FOUND.withDescription("no story " + request.getStoryId()).asRuntimeException());
                return;
            }
            for (Story story : calls.remove(0)) {
                if (story == null) {
                    response.onError(Status.UNAVAILABLE.withDescription("the scheduler is restarting").asRuntimeException());
                    return;
                }
                response.onNext(WatchStoryResponse.newBuilder().setStory(story).build());
            }
            response.onCompleted();
        }

        @Override
        public void downloadFilm(DownloadFilmRequest request, StreamObserver<DownloadFilmResponse> response) {
            byte[] film = films.get(request.getStoryId());
            for (int offset = 0; offset < film.length; offset += 1000) {
                response.onNext(DownloadFilmResponse.newBuilder()
                        .setChunk(ByteString.copyFrom(film, offset, Math.min(1000, film.length - offset))).build());
            }
            response.onCompleted();
        }
    }
}
