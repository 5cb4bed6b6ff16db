package io.starloom.worker.api;

import jakarta.annotation.security.RolesAllowed;

import com.google.protobuf.Timestamp;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.proto.v1.GetWorkerStatusRequest;
import io.starloom.proto.v1.GetWorkerStatusResponse;
import io.starloom.proto.v1.RunningShot;
import io.starloom.proto.v1.WorkerService;
import io.starloom.proto.v1.WorkerState;
import io.starloom.proto.v1.WorkerStatus;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.config.WorkerIdentity;
import io.starloom.worker.messaging.GenerationQueueReceiver;
import io.starloom.worker.shot.WorkerActivity;

/** The worker's own gRPC API: its status, for operators (role admin). */
@GrpcService
public class WorkerGrpcService implements WorkerService {
    private final WorkerIdentity identity;
    private final VideoBackend backend;
    private final GenerationQueueReceiver queue;
    private final WorkerActivity activity;

    public WorkerGrpcService(WorkerIdentity identity, VideoBackend backend, GenerationQueueReceiver queue, WorkerActivity activity) {
        this.identity = identity;
        this.backend = backend;
        this.queue = queue;
        this.activity = activity;
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<GetWorkerStatusResponse> getWorkerStatus(GetWorkerStatusRequest request) {
        WorkerStatus.Builder status = WorkerStatus.newBuilder()
                .setWorkerId(identity.id())
                .setBackend(backend.name())
                .setQueue(queue.address())
                .setShotsGenerated(activity.generated())
                .setShotsFailed(activity.failed());
        activity.current().ifPresent(shot -> status.setCurrentShot(RunningShot.newBuilder()
                .setStoryId(shot.command().getStoryId())
                .setShotIndex(shot.command().getShotIndex())
                .setAttempt(shot.command().getAttempt())
                .setStartTime(Timestamp.newBuilder().setSeconds(shot.since().getEpochSecond()).setNanos(shot.since().getNano()))));
        WorkerState state = !queue.isLinked() ? WorkerState.WORKER_STATE_DISCONNECTED
                : activity.current().isPresent() ? WorkerState.WORKER_STATE_BUSY : WorkerState.WORKER_STATE_IDLE;
        return Uni.createFrom().item(GetWorkerStatusResponse.newBuilder().setStatus(status.setState(state)).build());
    }
}
