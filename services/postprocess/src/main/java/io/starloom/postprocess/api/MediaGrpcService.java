package io.starloom.postprocess.api;

import jakarta.annotation.security.RolesAllowed;


import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.starloom.contracts.Roles;
import io.starloom.mesh.support.grpc.InvalidArgument;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.postprocess.media.MediaProbe;
import io.starloom.postprocess.media.MediaToolException;
import io.starloom.postprocess.media.UnreadableMediaException;
import io.starloom.proto.v1.MediaService;
import io.starloom.proto.v1.ProbeMediaRequest;
import io.starloom.proto.v1.ProbeMediaResponse;

/** Inspects films (and any other file) of the media store over gRPC. ffprobe blocks: worker thread. */
@GrpcService
@RolesAllowed({ Roles.STORY_READER, Roles.STORY_WRITER, Roles.ADMIN })
public class MediaGrpcService implements MediaService {
    /** Field-violation reason of a file that is not audio or video. */
    static final String UNREADABLE_MEDIA = "UNREADABLE_MEDIA";

    private final MediaStore store;
    private final MediaProbe probe;

    public MediaGrpcService(MediaStore store, MediaProbe probe) {
        this.store = store;
        this.probe = probe;
    }

    @Override
    public Uni<ProbeMediaResponse> probeMedia(ProbeMediaRequest request) {
        return Uni.createFrom().item(() -> probe.probe(store.localFile(request.getUri())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(MediaGrpcService::toStatus);
    }

    private static Throwable toStatus(Throwable failure) {
        if (failure instanceof MediaReferenceException e) {
            return invalidUri(e.reason(), e.getMessage());
        }
        if (failure instanceof UnreadableMediaException e) {
            return invalidUri(UNREADABLE_MEDIA, e.getMessage());
        }
        if (failure instanceof MediaNotFoundException e) {
            return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        }
        if (failure instanceof MediaToolException e) {
            return Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        }
        return failure;
    }

    private static StatusRuntimeException invalidUri(String reason, String message) {
        return InvalidArgument.of("uri", reason, message);
    }
}
