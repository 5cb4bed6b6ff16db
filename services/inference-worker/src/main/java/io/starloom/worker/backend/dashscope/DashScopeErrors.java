package io.starloom.worker.backend.dashscope;

import java.util.Optional;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * What Model Studio's error answers mean for the shot. Content inspection ({@code DataInspectionFailed}) refuses
 * the shot as a moderation outcome — never retried blindly; throttling ({@code Throttling*}, 429) waits for the
 * server's hint; 5xx retries with backoff; every other 4xx ({@code InvalidApiKey}, {@code AccessDenied},
 * {@code ModelNotFound}, {@code InvalidParameter}, {@code Arrearage}) is permanent.
 */
final class DashScopeErrors {
    private DashScopeErrors() {
    }

    static Optional<BackendFailure> classify(RemoteHttp http, String what, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        String code = code(response);
        String message = DashScopeBackend.NAME + " " + what + " answered " + status + " " + code + ": " + RemoteHttp.snippet(response);
        if (code.startsWith("DataInspection")) {
            return Optional.of(BackendFailure.refused(message));
        }
        if (status == 429 || code.startsWith("Throttling")) {
            return Optional.of(new BackendFailure(BackendFailure.Kind.RETRYABLE, "BACKEND_THROTTLED", message,
                    RemoteHttp.retryAfter(response).orElse(null)));
        }
        return http.byStatus(what, response).map(failure -> failure.retryable() ? failure
                : BackendFailure.permanent("BACKEND_REJECTED", message));
    }

    /** A failed task's {@code output.code}: content inspection, a parameter the model refuses, or a fault of the service. */
    static BackendFailure taskFailed(String taskId, String code, String text) {
        String message = DashScopeBackend.NAME + ": task " + taskId + " failed: " + code + " " + text;
        if (code.startsWith("DataInspection")) {
            return BackendFailure.refused(message);
        }
        if (code.startsWith("InvalidParameter") || code.startsWith("InvalidURL")) {
            return BackendFailure.permanent("BACKEND_REJECTED", message);
        }
        return BackendFailure.retryable("BACKEND_TASK_FAILED", message);
    }

    private static String code(HttpResponse<Buffer> response) {
        try {
            return RemoteHttp.object(DashScopeBackend.NAME, "error", response).path("code").asText("");
        } catch (BackendFailure e) {
            return "";
        }
    }
}
