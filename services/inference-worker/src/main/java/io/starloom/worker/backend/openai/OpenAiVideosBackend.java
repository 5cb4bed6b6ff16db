package io.starloom.worker.backend.openai;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.starloom.worker.backend.BackendFailure;
import io.starloom.worker.backend.FirstFrames;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.remote.RemoteHttp;
import io.starloom.worker.backend.remote.RemoteVideoBackend;
import io.starloom.worker.backend.remote.TaskState;
import io.starloom.worker.profile.ProfileSpec;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;

/**
 * An OpenAI-compatible {@code /v1/videos} server (vLLM-Omni, SGLang diffusion, NIM): {@code POST /v1/videos},
 * {@code GET /v1/videos/{id}} until {@code completed} or {@code failed}, {@code GET /v1/videos/{id}/content},
 * then {@code DELETE /v1/videos/{id}}, which also stops a running job on vLLM-Omni. Every parameter of the model
 * is sent explicitly — both servers would otherwise make 24 fps and seconds×fps frames, not Wan's 16 fps and
 * 4n+1 — and an image-to-video profile gets the shot's star chart as its first frame.
 */
public class OpenAiVideosBackend extends RemoteVideoBackend {
    /** Its name in configuration and events. */
    public static final String NAME = "openai-videos";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteHttp http;
    private final OpenAiVideosConfig config;
    private final FirstFrames firstFrames;
    private final String base;

    public OpenAiVideosBackend(RemoteHttp http, OpenAiVideosConfig config, FirstFrames firstFrames) {
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
        Map<String, String> fields = fields(shot);
        config.model().ifPresent(model -> fields.put("model", model));
        byte[] firstFrame = shot.profile().firstFrame() ? firstFrame(shot) : null;
        HttpResponse<Buffer> response = http.call("POST /v1/videos", () -> {
            HttpRequest<Buffer> request = authorized(http.request(HttpMethod.POST, base + "/v1/videos"));
            if (config.encoding() == OpenAiVideosConfig.Encoding.MULTIPART) {
                MultipartForm form = MultipartForm.create();
                fields.forEach(form::attribute);
                if (firstFrame != null) {
                    form.binaryFileUpload("input_reference", "first-frame.png", Buffer.buffer(firstFrame), "image/png");
                }
                return request.sendMultipartForm(form);
            }
            Map<String, Object> body = new LinkedHashMap<>(fields);
            if (firstFrame != null) {
                body.put("image_reference", Map.of("image_url", "data:image/png;base64," + Base64.getEncoder().encodeToString(firstFrame)));
            }
            return request.sendJson(body);
        }, http::byStatus);
        JsonNode video = RemoteHttp.object(NAME, "POST /v1/videos", response);
        String id = video.path("id").asText("");
        if (id.isBlank()) {
            throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + " POST /v1/videos answered without a video id");
        }
        return id;
    }

    /** The create call's fields, every model parameter explicit. */
    static Map<String, String> fields(ShotRequest shot) {
        ProfileSpec profile = shot.profile();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("prompt", shot.prompt());
        if (shot.negativePrompt() != null && !shot.negativePrompt().isBlank()) {
            fields.put("negative_prompt", shot.negativePrompt());
        }
        int frames = wanFrames(shot.frames());
        fields.put("size", shot.width() + "x" + shot.height());
        fields.put("num_frames", Integer.toString(frames));
        fields.put("fps", Integer.toString(shot.fps()));
        fields.put("seconds", Integer.toString(Math.max(1, Math.round((float) frames / shot.fps()))));
        fields.put("seed", Long.toString(Math.floorMod(shot.seed(), 1L << 31)));
        if (profile.steps() != null) {
            fields.put("num_inference_steps", profile.steps().toString());
        }
        if (profile.guidanceScale() != null) {
            fields.put("guidance_scale", profile.guidanceScale().toString());
        }
        if (profile.guidanceScale2() != null) {
            fields.put("guidance_scale_2", profile.guidanceScale2().toString());
        }
        if (profile.flowShift() != null) {
            fields.put("flow_shift", profile.flowShift().toString());
        }
        return fields;
    }

    @Override
    protected TaskState poll(String taskId) throws BackendFailure {
        String what = "GET /v1/videos/{id}";
        // vLLM-Omni answers a poll of a failed job with HTTP 500 and the job as the body: read it, don't retry it.
        HttpResponse<Buffer> response = http.call(what, () -> authorized(http.request(HttpMethod.GET, base + "/v1/videos/" + taskId)).send(),
                (call, reply) -> reply.statusCode() == 404 || isFailedJob(reply) ? Optional.empty() : http.byStatus(call, reply));
        if (response.statusCode() == 404) {
            return new TaskState.Gone("the server answers 404 for video " + taskId);
        }
        JsonNode video = RemoteHttp.object(NAME, what, response);
        String status = video.path("status").asText("");
        return switch (status) {
            case "queued", "in_progress" -> new TaskState.Running(status + " " + video.path("progress").asInt(0) + "%");
            case "completed" -> new TaskState.Done(taskId);
            case "failed" -> new TaskState.Failed(BackendFailure.retryable("BACKEND_TASK_FAILED", NAME + ": video " + taskId + " failed: "
                    + video.path("error").path("code").asText("") + " " + video.path("error").path("message").asText("")));
            default -> throw BackendFailure.retryable("BACKEND_MALFORMED_REPLY", NAME + ": video " + taskId + " has status '" + status + "'");
        };
    }

    @Override
    protected void fetch(String taskId, TaskState.Done done, Path target) throws BackendFailure {
        HttpResponse<Buffer> response = http.call("GET /v1/videos/{id}/content", () -> authorized(
                http.request(HttpMethod.GET, base + "/v1/videos/" + taskId + "/content").addQueryParam("variant", "video")
                        .putHeader("accept", "application/binary")).send(), http::byStatus);
        RemoteHttp.save(response, target);
    }

    @Override
    protected void stop(String taskId) throws BackendFailure {
        delete(taskId);
    }

    @Override
    protected void forget(String taskId) throws BackendFailure {
        delete(taskId);
    }

    private void delete(String taskId) throws BackendFailure {
        http.call("DELETE /v1/videos/{id}", () -> authorized(http.request(HttpMethod.DELETE, base + "/v1/videos/" + taskId)).send(),
                (call, reply) -> reply.statusCode() == 404 ? Optional.empty() : http.byStatus(call, reply));
    }

    private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
        config.apiKey().ifPresent(key -> request.bearerTokenAuthentication(key));
        return request;
    }

    private byte[] firstFrame(ShotRequest shot) throws BackendFailure {
        try {
            return firstFrames.png(shot);
        } catch (Exception e) {
            throw BackendFailure.permanent("FIRST_FRAME_FAILED", NAME + ": no first frame for the shot: " + e.getMessage());
        }
    }

    private static boolean isFailedJob(HttpResponse<Buffer> reply) {
        if (reply.statusCode() != 500) {
            return false;
        }
        try {
            return "failed".equals(JSON.readTree(reply.bodyAsString()).path("status").asText());
        } catch (Exception e) {
            return false;
        }
    }
}
