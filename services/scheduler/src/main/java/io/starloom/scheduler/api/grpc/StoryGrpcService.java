package io.starloom.scheduler.api.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.annotation.security.RolesAllowed;

import com.google.protobuf.ByteString;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.CancelShotRequest;
import io.starloom.proto.v1.CancelShotResponse;
import io.starloom.proto.v1.CancelStoryRequest;
import io.starloom.proto.v1.CancelStoryResponse;
import io.starloom.proto.v1.DownloadFilmRequest;
import io.starloom.proto.v1.DownloadFilmResponse;
import io.starloom.proto.v1.GetStoryRequest;
import io.starloom.proto.v1.GetStoryResponse;
import io.starloom.proto.v1.GetSubmissionOptionsRequest;
import io.starloom.proto.v1.GetSubmissionOptionsResponse;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.ListStoriesRequest;
import io.starloom.proto.v1.ListStoriesResponse;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.StoryService;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.SubmitStoryRequest;
import io.starloom.proto.v1.SubmitStoryResponse;
import io.starloom.proto.v1.WatchStoryRequest;
import io.starloom.proto.v1.WatchStoryResponse;
import io.starloom.scheduler.api.CallerResolver;
import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.application.ShotCancels;
import io.starloom.scheduler.application.StoryCommands;
import io.starloom.scheduler.application.StoryQueries;
import io.starloom.scheduler.application.StoryWatch;
import io.starloom.scheduler.application.SubmissionOffer;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;
import io.starloom.scheduler.domain.FilmOptions;
import io.starloom.scheduler.domain.StoryOptions;
import io.starloom.scheduler.domain.Submission;

/** The public StoryService over gRPC: the same operations and rules as the REST API. */
@GrpcService
public class StoryGrpcService implements StoryService {
    private static final int CHUNK = 64 * 1024;

    private final CallerResolver callers;
    private final StoryCommands commands;
    private final StoryQueries queries;
    private final StoryWatch watch;
    private final FilmFiles films;
    private final ShotCancels shots;
    private final SubmissionOffer offer;

    public StoryGrpcService(CallerResolver callers, StoryCommands commands, StoryQueries queries, StoryWatch watch, FilmFiles films,
            ShotCancels shots, SubmissionOffer offer) {
        this.shots = shots;
        this.offer = offer;
        this.callers = callers;
        this.commands = commands;
        this.queries = queries;
        this.watch = watch;
        this.films = films;
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<SubmitStoryResponse> submitStory(SubmitStoryRequest request) {
        return Uni.createFrom().item(() -> submission(request))
                .chain(submission -> callers.submitter().chain(caller -> commands.submit(caller, submission, request.getPriority())))
                .map(story -> SubmitStoryResponse.newBuilder().setStory(story).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<GetSubmissionOptionsResponse> getSubmissionOptions(GetSubmissionOptionsRequest request) {
        return callers.current().chain(offer::of).map(options -> GetSubmissionOptionsResponse.newBuilder().setOptions(options).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<GetStoryResponse> getStory(GetStoryRequest request) {
        return callers.current().chain(caller -> queries.get(caller, request.getStoryId()))
                .map(story -> GetStoryResponse.newBuilder().setStory(story).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Uni<ListStoriesResponse> listStories(ListStoriesRequest request) {
        return callers.current().chain(caller -> queries.list(caller, request.getPageSize(), request.getPageToken()))
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<CancelStoryResponse> cancelStory(CancelStoryRequest request) {
        return callers.current().chain(caller -> commands.cancel(caller, request.getStoryId()))
                .map(story -> CancelStoryResponse.newBuilder().setStory(story).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed(Roles.STORY_WRITER)
    public Uni<CancelShotResponse> cancelShot(CancelShotRequest request) {
        return callers.current().chain(caller -> shots.cancel(caller, request.getStoryId(), request.getShotIndex(), "shot_index"))
                .map(story -> CancelShotResponse.newBuilder().setStory(story).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Multi<WatchStoryResponse> watchStory(WatchStoryRequest request) {
        return callers.current().toMulti()
                .onItem().transformToMultiAndConcatenate(caller -> watch.watch(caller, request.getStoryId()))
                .map(story -> WatchStoryResponse.newBuilder().setStory(story).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    @RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER })
    public Multi<DownloadFilmResponse> downloadFilm(DownloadFilmRequest request) {
        return callers.current().chain(caller -> films.file(caller, request.getStoryId(), FilmFiles.Kind.of(request.getFile()))).toMulti()
                .onItem().transformToMultiAndConcatenate(path -> Multi.createFrom().iterable(() -> chunks(path))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .map(chunk -> DownloadFilmResponse.newBuilder().setChunk(chunk).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    /** The request as a submission, before validation; also what a storyboard preview checks. */
    static Submission submission(SubmitStoryRequest request) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (request.getLanguage() == Language.UNRECOGNIZED) {
            errors.add(new FieldError("language", ErrorCode.UNKNOWN_ENUM_NUMBER, "language", request.getLanguageValue()));
        }
        if (request.getStyle() == Style.UNRECOGNIZED) {
            errors.add(new FieldError("style", ErrorCode.UNKNOWN_ENUM_NUMBER, "style", request.getStyleValue()));
        }
        if (request.getResolution() == Resolution.UNRECOGNIZED) {
            errors.add(new FieldError("resolution", ErrorCode.UNKNOWN_ENUM_NUMBER, "resolution", request.getResolutionValue()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors, false);
        }
        return new Submission(request.getText(), request.getLanguage(), request.getStyle(), request.getResolution(),
                request.getRequestId(), request.getProfile(), request.getRequireReview(),
                new FilmOptions(request.getVoice(), request.getAspectRatio(), request.getBurnInSubtitles()),
                new StoryOptions(request.hasSeed() ? Integer.toUnsignedLong(request.getSeed()) : null, request.getTargetSeconds(), request.getWebhookUrl(),
                        request.getTranslationLanguage()),
                request.hasStoryboard() ? request.getStoryboard() : null);
    }

    /** The file in chunks, read lazily as the client asks for them. */
    private static Iterator<ByteString> chunks(java.nio.file.Path path) {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            private ByteString next = read();

            private ByteString read() {
                try {
                    byte[] bytes = in.readNBytes(CHUNK);
                    if (bytes.length == 0) {
                        in.close();
                        return null;
                    }
                    return ByteString.copyFrom(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ByteString next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ByteString current = next;
                next = read();
                return current;
            }
        };
    }
}
