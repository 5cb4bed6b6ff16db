package io.starloom.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflection;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServiceResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.proto.v1.GetWorkerStatusRequest;
import io.starloom.proto.v1.WorkerService;
import io.starloom.proto.v1.WorkerState;
import io.starloom.proto.v1.WorkerStatus;

/** The worker's gRPC surface on the HTTP port: its status for admins, health and reflection for everyone. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"),
        restrictToAnnotatedClass = false)
class WorkerGrpcServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @GrpcClient("worker")
    WorkerService worker;

    @GrpcClient("worker")
    grpc.health.v1.Health health;

    @GrpcClient("worker")
    ServerReflection reflection;

    @Test
    void anAdminSeesTheIdleWorkerAndItsQueue() {
        WorkerService admin = as(Roles.ADMIN);
        // The queue link comes up just after startup.
        WorkerStatus status = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.getWorkerStatus(GetWorkerStatusRequest.getDefaultInstance()).await().atMost(TIMEOUT).getStatus(),
                s -> s.getState() != WorkerState.WORKER_STATE_DISCONNECTED);
        assertThat(status.getWorkerId()).isNotBlank();
        assertThat(status.getBackend()).isEqualTo("preview");
        assertThat(status.getQueue()).isEqualTo(Queues.generation("wan2.2-t2v-a14b-720p"));
        assertThat(status.getState()).isEqualTo(WorkerState.WORKER_STATE_IDLE);
        assertThat(status.hasCurrentShot()).isFalse();
    }

    @Test
    void statusNeedsATokenWithTheAdminRole() {
        Throwable anonymous = catchThrowable(() -> worker.getWorkerStatus(GetWorkerStatusRequest.getDefaultInstance()).await().atMost(TIMEOUT));
        assertThat(((StatusRuntimeException) anonymous).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        Throwable writer = catchThrowable(() -> as(Roles.STORY_WRITER).getWorkerStatus(GetWorkerStatusRequest.getDefaultInstance())
                .await().atMost(TIMEOUT));
        assertThat(((StatusRuntimeException) writer).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void healthAndReflectionAnswerWithoutAToken() {
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).await().atMost(TIMEOUT).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        List<String> services = reflection.serverReflectionInfo(Multi.createFrom().item(ServerReflectionRequest.newBuilder().setListServices("*").build()))
                .toUni().await().atMost(TIMEOUT).getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
        assertThat(services).contains("starloom.v1.WorkerService", "grpc.health.v1.Health");
    }

    private WorkerService as(String... roles) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + DevStackTestResource.stack().mintToken("operator", "starloom", Set.of(roles)));
        return GrpcClientUtils.attachHeaders(worker, headers);
    }
}
