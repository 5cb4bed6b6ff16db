package io.starloom.cli.client;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.proto.v1.CancelStoryRequest;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.DownloadFilmResponse;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.ListStoriesResponse;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryServiceGrpc;
import io.starloom.proto.v1.StoryServiceGrpc.StoryServiceBlockingStub;
import io.starloom.proto.v1.PreviewStoryRequest;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.StoryboardServiceGrpc;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.WatchStoryRequest;
import io.starloom.proto.v1.WatchStoryResponse;

/**
 * A Starloom deployment as the CLI uses it: the StoryService over gRPC, plus the REST downloads that gRPC
 * does not offer (subtitles, storyboard). Every failure surfaces as a {@link CliException}.
 */
public final class Starloom implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A watch that breaks off (a scheduler restart) is resumed this many times in a row; the server resends the state. */
    private static final int WATCH_RECONNECTS = 5;
    private static final Duration WATCH_RECONNECT_PAUSE = Duration.ofSeconds(2);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ACCEPT_LANGUAGE = Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER);

    private final ServerAddress server;
    private final String bearerToken;
    private final ManagedChannel channel;
    private final StoryServiceBlockingStub stories;
    private final StoryboardServiceGrpc.StoryboardServiceBlockingStub storyboards;

    public Starloom(ServerAddress server, String bearerToken) {
        this.server = server;
        this.bearerToken = bearerToken;
        ChannelCredentials credentials = server.tls() ? TlsChannelCredentials.create() : InsecureChannelCredentials.create();
        this.channel = NettyChannelBuilder.forAddress(server.host(), server.port(), credentials).userAgent("starloom-cli").build();
        Metadata headers = new Metadata();
        if (bearerToken != null) {
            headers.put(AUTHORIZATION, "Bearer " + bearerToken);
        }
        // Errors come back in the shell's language (google.rpc.LocalizedMessage), as GrpcErrors prints them.
        headers.put(ACCEPT_LANGUAGE, CliLanguage.current().toLanguageTag());
        this.stories = StoryServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        this.storyboards = StoryboardServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public Story submit(SubmitStoryRequest request) {
        return call(() -> unary().submitStory(request).getStory());
    }

    /** The storyboard the story would get; nothing is submitted. */
    public Storyboard preview(SubmitStoryRequest request) {
        return call(() -> storyboards.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .previewStory(PreviewStoryRequest.newBuilder().setStory(request).build()).getStoryboard());
    }

    public Story get(String storyId) {
        return call(() -> unary().getStory(GetStoryRequest.newBuilder().setStoryId(storyId).build()).getStory());
    }

    public ListStoriesResponse list(int pageSize, String pageToken) {
        ListStoriesRequest.Builder request = ListStoriesRequest.newBuilder().setPageSize(pageSize);
        if (pageToken != null) {
            request.setPageToken(pageToken);
        }
        return call(() -> unary().listStories(request.build()));
    }

    public Story cancel(String storyId) {
        return call(() -> unary().cancelStory(CancelStoryRequest.newBuilder().setStoryId(storyId).build()).getStory());
    }

    /**
     * Streams the story now and at every change until the server ends the stream (the story is final). A stream
     * that breaks off after delivering something (a scheduler restart) is resumed; the server resends the state.
     */
    public void watch(String storyId, Consumer<Story> onChange) {
        WatchStoryRequest request = WatchStoryRequest.newBuilder().setStoryId(storyId).build();
        boolean delivered = false;
        int reconnects = 0;
        while (true) {
            try {
                Iterator<WatchStoryResponse> updates = stories.watchStory(request);
                while (updates.hasNext()) {
                    onChange.accept(updates.next().getStory());
                    delivered = true;
                    reconnects = 0;
                }
                return;
            } catch (StatusRuntimeException e) {
                boolean resumable = delivered && e.getStatus().getCode() == Status.Code.UNAVAILABLE && reconnects < WATCH_RECONNECTS;
                if (!resumable) {
                    throw GrpcErrors.describe(e, server);
                }
                reconnects++;
                pause(WATCH_RECONNECT_PAUSE);
            }
        }
    }

    /**
     * Saves the finished film as {@code target}, checking it against {@code expectedSha256} (hex, null to skip)
     * before it takes the final name.
     */
    public void downloadFilm(String storyId, Path target, String expectedSha256) {
        DownloadFilmRequest request = DownloadFilmRequest.newBuilder().setStoryId(storyId).build();
        AtomicFiles.write(target, out -> {
            MessageDigest sha256 = sha256();
            DigestOutputStream digesting = new DigestOutputStream(out, sha256);
            try {
                Iterator<DownloadFilmResponse> chunks = stories.downloadFilm(request);
                while (chunks.hasNext()) {
                    chunks.next().getChunk().writeTo(digesting);
                }
            } catch (StatusRuntimeException e) {
                throw GrpcErrors.describe(e, server);
            }
            String received = HexFormat.of().formatHex(sha256.digest());
            if (expectedSha256 != null && !received.equalsIgnoreCase(expectedSha256)) {
                throw new CliException("the film arrived damaged: SHA-256 " + received + ", the server announced " + expectedSha256,
                        ExitCode.FAILED);
            }
        });
    }

    /** Saves one of the story's REST resources ("subtitles.vtt", "poster.jpg", "manifest.json", "storyboard"…) as {@code target}. */
    public void downloadResource(String storyId, String resource, Path target) {
        String path = "v1/stories/" + URLEncoder.encode(storyId, StandardCharsets.UTF_8) + "/" + resource;
        AtomicFiles.write(target, out -> {
            try (InputStream body = Http.get(server.rest(path), bearerToken)) {
                body.transferTo(out);
            }
        });
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StoryServiceBlockingStub unary() {
        return stories.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.describe(e, server);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", ExitCode.FAILED, e);
        }
    }
}
