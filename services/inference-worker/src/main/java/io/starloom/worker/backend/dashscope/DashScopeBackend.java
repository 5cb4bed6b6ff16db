package io.starloom.worker.backend.dashscope;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.starloom.worker.backend.remote.RemoteVideoBackend;
import io.starloom.worker.backend.remote.TaskState;
import io.starloom.worker.profile.ProfileSpec;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * Hosted Wan on Model Studio (DashScope), asynchronous: {@code POST /api/v1/services/aigc/video-generation/video-synthesis}
 * with {@code X-DashScope-Async: enable}, then {@code GET /api/v1/tasks/{task_id}} until SUCCEEDED, FAILED,
 * CANCELED or UNKNOWN (expired). The legacy body ({@code size} "W*H", {@code duration}, {@code audio},
 * {@code shot_type}) serves wan2.2 … wan2.6; the {@code media[]} body ({@code resolution}, {@code ratio}) wan2.7.
 * The {@code video_url} is a signed link that expires, so the clip is fetched at once, without the API key.
 * A canceled story's task is canceled with {@code POST /api/v1/tasks/{id}/cancel}, which the service honours
 * only while the task is PENDING; a RUNNING one is no longer polled nor fetched.
 */
public class DashScopeBackend extends RemoteVideoBackend {
    /** Its name in configuration and events. */
    public static final String NAME = "dashscope";
    /** DashScope's longest negative prompt; the service would cut a longer one itself. */
    private static final int MAX_NEGATIVE_PROMPT = 500;

    private final RemoteHttp http;
    private final DashScopeConfig config;
    private final String apiKey;
    private final String base;

    public DashScopeBackend(RemoteHttp http, DashScopeConfig config) {
        super(config.remote());
        this.http = http;
        this.config = config;
        this.apiKey = config.apiKey().filter(key -> !key.isBlank()).orElseThrow(() -> new IllegalStateException(
                "starloom.worker.backend=dashscope needs an API key: set DASHSCOPE_API_KEY (or starloom.worker.dashscope.api-key)"));
        this.base = config.baseUrl().replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unsupported(ProfileSpec profile) {
        return profile.hostedModel().isEmpty() ? Optional.of("profile " + profile.name() + " names no Model Studio model (\"hosted\")")
                : Optional.empty();
    }

    @Override
    protected String create(ShotRequest shot) throws BackendFailure {
        Map<String, Object> body = body(shot, config);
        String what = "POST /api/v1/services/aigc/video-generation/video-synthesis";
        HttpResponse<Buffer> response = http.call(what, () -> authorized(http.request(HttpMethod.POST,
                base + "/api/v1/services/aigc/video-generation/video-synthesis")).putHeader("X-DashScope-Async", "enable").sendJson(body),
                (call, reply) -> DashScopeErrors.classify(http, call, reply));
        JsonNode output = RemoteHttp.object(NAME, what, response).path("output");
        String task = output.path("task_id").asText("");
        if (task.isBlank()) {
            throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + " create answered without output.task_id");
        }
        return task;
    }

    /** The create body: legacy (size, duration) or media (resolution, ratio), by the profile's protocol. */
    static Map<String, Object> body(ShotRequest shot, DashScopeConfig config) {
        ProfileSpec.Hosted hosted = shot.profile().hosted();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", shot.prompt());
        String negative = shot.negativePrompt() == null ? "" : shot.negativePrompt();
        if (!negative.isBlank()) {
            input.put("negative_prompt", negative.codePointCount(0, negative.length()) > MAX_NEGATIVE_PROMPT
                    ? negative.substring(0, negative.offsetByCodePoints(0, MAX_NEGATIVE_PROMPT)) : negative);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (hosted.mediaProtocol()) {
            parameters.put("resolution", hosted.resolution());
            parameters.put("ratio", hosted.ratio());
        } else {
            parameters.put("size", shot.width() + "*" + shot.height());
        }
        parameters.put("duration", hosted.duration());
        parameters.put("seed", Math.floorMod(shot.seed(), 1L << 31));
        parameters.put("prompt_extend", config.promptExtend());
        parameters.put("watermark", config.watermark());
        if (shot.profile().audio() && !hosted.mediaProtocol()) {
            parameters.put("audio", true);
        }
        if (hosted.shotType() != null && config.promptExtend()) {
            // shot_type takes effect only with prompt_extend on; sent otherwise it is refused.
            parameters.put("shot_type", hosted.shotType());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", hosted.model());
        body.put("input", input);
        body.put("parameters", parameters);
        return body;
    }

    @Override
    protected TaskState poll(String taskId) throws BackendFailure {
        String what = "GET /api/v1/tasks/{id}";
        HttpResponse<Buffer> response = http.call(what, () -> authorized(http.request(HttpMethod.GET, base + "/api/v1/tasks/" + taskId)).send(),
                (call, reply) -> DashScopeErrors.classify(http, call, reply));
        JsonNode output = RemoteHttp.object(NAME, what, response).path("output");
        String status = output.path("task_status").asText("");
        return switch (status) {
            case "PENDING", "RUNNING", "SUSPENDED" -> new TaskState.Running(status);
            case "SUCCEEDED" -> {
                String url = output.path("video_url").asText("");
                if (url.isBlank()) {
                    throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + ": task " + taskId + " SUCCEEDED without a video_url");
                }
                yield new TaskState.Done(url);
            }
            case "FAILED" -> new TaskState.Failed(DashScopeErrors.taskFailed(taskId, output.path("code").asText(""),
                    output.path("message").asText("")));
            case "CANCELED" -> new TaskState.Failed(BackendFailure.permanent("BACKEND_TASK_CANCELED", NAME + ": task " + taskId
                    + " was canceled"));
            case "UNKNOWN" -> new TaskState.Gone("the service no longer knows task " + taskId + " (task ids expire after 24 h)");
            default -> throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + ": task " + taskId + " has task_status '" + status + "'");
        };
    }

    @Override
    protected void fetch(String taskId, TaskState.Done done, Path target) throws BackendFailure {
        // A signed OSS link: no API key goes to it, and its query (the signature) is never logged.
        HttpResponse<Buffer> response = http.call("GET video_url of " + taskId, () -> http.request(HttpMethod.GET, done.result()).send(),
                (call, reply) -> reply.statusCode() == 403 || reply.statusCode() == 404
                        ? Optional.of(BackendFailure.retryable(RESULT_GONE, NAME + ": the result of task " + taskId + " is no longer downloadable ("
                                + reply.statusCode() + ": " + RemoteHttp.snippet(reply) + ")"))
                        : http.byStatus(call, reply));
        RemoteHttp.save(response, target);
    }

    @Override
    protected void stop(String taskId) throws BackendFailure {
        http.call("POST /api/v1/tasks/{id}/cancel", () -> authorized(http.request(HttpMethod.POST, base + "/api/v1/tasks/" + taskId + "/cancel"))
                .send(), (call, reply) -> DashScopeErrors.classify(http, call, reply));
    }

    private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
        request.bearerTokenAuthentication(apiKey);
        config.workspace().ifPresent(workspace -> request.putHeader("X-DashScope-WorkSpace", workspace));
        return request;
    }
}
