package io.starloom.scheduler.client;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.rpc.BadRequest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.starloom.proto.v1.MutinyEnrichmentServiceGrpc.MutinyEnrichmentServiceStub;
import io.starloom.proto.v1.PreviewStoryboardRequest;
import io.starloom.proto.v1.Storyboard;
import io.starloom.scheduler.config.PreviewConfig;
import io.starloom.scheduler.domain.EnrichmentUnavailableException;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.FieldError;
import io.starloom.scheduler.domain.InvalidRequestException;

/**
 * Enrichment's {@code starloom.v1.EnrichmentService} over gRPC, on behalf of the caller: the caller's bearer token
 * (already verified here) goes along, so enrichment checks the same token and role again and no extra service
 * credential exists. Each call has a deadline. A story enrichment refuses is a 400 with its field paths; anything
 * else that goes wrong there (down, slow, token refused) is "unavailable", never an internal error of ours.
 */
@ApplicationScoped
public class EnrichmentClient {
    private static final Logger LOG = Logger.getLogger(EnrichmentClient.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final MutinyEnrichmentServiceStub enrichment;
    private final PreviewConfig config;

    public EnrichmentClient(@GrpcClient("enrichment") MutinyEnrichmentServiceStub enrichment, PreviewConfig config) {
        this.enrichment = enrichment;
        this.config = config;
    }

    public Uni<Storyboard> preview(PreviewStoryboardRequest request, String bearerToken) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + bearerToken);
        return Uni.createFrom().deferred(() -> enrichment
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .previewStoryboard(request))
                .map(response -> response.getStoryboard())
                .onFailure(StatusRuntimeException.class).transform(e -> translated((StatusRuntimeException) e));
    }

    private static RuntimeException translated(StatusRuntimeException failure) {
        Status.Code code = failure.getStatus().getCode();
        if (code == Status.Code.INVALID_ARGUMENT) {
            com.google.rpc.Status status = StatusProto.fromThrowable(failure);
            List<FieldError> errors = status == null ? List.of() : status.getDetailsList().stream()
                    .filter(any -> any.is(BadRequest.class))
                    .flatMap(any -> unpack(any).getFieldViolationsList().stream())
                    // Enrichment words its violations in English; its reason picks this service's words for them in other languages.
                    .map(v -> new FieldError(v.getField(), ErrorCode.ofEnrichment(v.getReason()), v.getDescription()))
                    .toList();
            return new InvalidRequestException(errors.isEmpty()
                    ? List.of(new FieldError("text", ErrorCode.ENRICHMENT_REFUSED, describe(failure))) : errors, false);
        }
        LOG.warnf("enrichment preview failed: %s %s", code, describe(failure));
        return new EnrichmentUnavailableException(code == Status.Code.DEADLINE_EXCEEDED
                ? ErrorCode.PREVIEW_TIMEOUT : ErrorCode.PREVIEW_UNAVAILABLE);
    }

    private static BadRequest unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return BadRequest.getDefaultInstance();
        }
    }

    private static String describe(StatusRuntimeException failure) {
        return failure.getStatus().getDescription() == null ? failure.getStatus().getCode().name() : failure.getStatus().getDescription();
    }
}
