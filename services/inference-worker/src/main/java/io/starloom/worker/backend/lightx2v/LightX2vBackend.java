package io.starloom.worker.backend.lightx2v;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.FirstFrames;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.starloom.worker.backend.remote.RemoteVideoBackend;
import io.starloom.worker.backend.remote.TaskState;
import io.starloom.worker.profile.ProfileSpec;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * The LightX2V task server: {@code POST /v1/tasks/video/} (the trailing slash matters: without it the server
 * answers 405), {@code GET /v1/tasks/{id}/status} until {@code completed}, {@code failed} or {@code cancelled},
 * {@code GET /v1/tasks/{id}/result} for the MP4, {@code DELETE /v1/tasks/{id}} to stop a task. The task id is
 * ours (story, shot, attempt), so a task the server already has is found again under the same id. Only the
 * fields of its request schema are sent: newer servers answer unknown ones with 422.
 */
public class LightX2vBackend extends RemoteVideoBackend {
    /** Its name in configuration and events. */
    public static final String NAME = "lightx2v";

    private final RemoteHttp http;
    private final LightX2vConfig config;
    private final FirstFrames firstFrames;
    private final String base;

    public LightX2vBackend(RemoteHttp http, LightX2vConfig config, FirstFrames firstFrames) {
        super(config.remote());
        this.http = http;
        this.config = config;
        this.firstFrames = firstFrames;
        this.base = config.url().replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String create(ShotRequest shot) throws BackendFailure {
        Map<String, Object> body = body(shot, config.resultDirectory());
        if (shot.profile().firstFrame()) {
            try {
                body.put("image_path", "data:image/png;base64," + Base64.getEncoder().encodeToString(firstFrames.png(shot)));
            } catch (Exception e) {
                throw BackendFailure.permanent("FIRST_FRAME_FAILED", NAME + ": no first frame for the shot: " + e.getMessage());
            }
        }
        HttpResponse<Buffer> response = http.call("POST /v1/tasks/video/", () -> http.request(HttpMethod.POST, base + "/v1/tasks/video/")
                .sendJson(body), http::byStatus);
        JsonNode task = RemoteHttp.object(NAME, "POST /v1/tasks/video/", response);
        return task.path("task_id").asText((String) body.get("task_id"));
    }

    /** The task request: prompt, sampling steps, frame count, shape [height, width], fps, seed, where to keep the result. */
    static Map<String, Object> body(ShotRequest shot, String resultDirectory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", shot.key());
        body.put("prompt", shot.prompt());
        body.put("negative_prompt", shot.negativePrompt() == null ? "" : shot.negativePrompt());
        body.put("seed", Math.floorMod(shot.seed(), 1L << 32));
        if (shot.profile().steps() != null) {
            body.put("infer_steps", shot.profile().steps());
        }
        body.put("target_video_length", wanFrames(shot.frames()));
        body.put("target_shape", List.of(shot.height(), shot.width()));
        body.put("target_fps", shot.fps());
        body.put("save_result_path", resultDirectory.replaceAll("/+$", "") + "/" + shot.key() + ".mp4");
        return body;
    }

    @Override
    protected TaskState poll(String taskId) throws BackendFailure {
        String what = "GET /v1/tasks/{id}/status";
        HttpResponse<Buffer> response = http.call(what, () -> http.request(HttpMethod.GET, base + "/v1/tasks/" + taskId + "/status").send(),
                (call, reply) -> reply.statusCode() == 404 ? Optional.empty() : http.byStatus(call, reply));
        if (response.statusCode() == 404) {
            return new TaskState.Gone("the server answers 404 for task " + taskId);
        }
        JsonNode status = RemoteHttp.object(NAME, what, response);
        String value = status.path("status").asText("");
        return switch (value) {
            case "pending", "processing" -> new TaskState.Running(value);
            case "completed" -> new TaskState.Done(taskId);
            case "failed" -> new TaskState.Failed(BackendFailure.retryable("BACKEND_TASK_FAILED", NAME + ": task " + taskId + " failed: "
                    + status.path("error_type").asText("") + " " + status.path("error").asText("")));
            case "cancelled" -> new TaskState.Failed(BackendFailure.retryable("BACKEND_TASK_CANCELED", NAME + ": task " + taskId
                    + " was cancelled on the server"));
            default -> throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + ": task " + taskId + " has status '" + value + "'");
        };
    }

    @Override
    protected void fetch(String taskId, TaskState.Done done, Path target) throws BackendFailure {
        HttpResponse<Buffer> response = http.call("GET /v1/tasks/{id}/result", () -> http.request(HttpMethod.GET,
                base + "/v1/tasks/" + taskId + "/result").send(), http::byStatus);
        RemoteHttp.save(response, target);
    }

    @Override
    protected void stop(String taskId) throws BackendFailure {
        http.call("DELETE /v1/tasks/{id}", () -> http.request(HttpMethod.DELETE, base + "/v1/tasks/" + taskId).send(),
                (call, reply) -> reply.statusCode() == 404 ? Optional.empty() : http.byStatus(call, reply));
    }
}
