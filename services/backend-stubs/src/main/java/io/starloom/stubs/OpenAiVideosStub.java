package io.starloom.stubs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible {@code /v1/videos} protocol as vLLM-Omni and SGLang diffusion serve it (see
 * docs/backends.md): create, retrieve, content, delete. Two flavours with their real differences:
 * vLLM-Omni takes multipart form only (a JSON body is a 400 "prompt Field required"), answers a poll of a
 * failed job with HTTP 500 and the job as the body, {@code /content} 404 while running and 422 when failed,
 * and its DELETE stops a running job; SGLang takes JSON, never reports {@code in_progress}, and its DELETE
 * only forgets the record. Both round {@code num_frames} to (n/4)*4+1 and default fps to 24.
 */
public final class OpenAiVideosStub extends StubServer {
    /** Which server it imitates. */
    public enum Flavor {
        VLLM_OMNI, SGLANG
    }

    private static final Pattern SIZE = Pattern.compile("^(\\d+)x(\\d+)$");

    private final Flavor flavor;
    private final String servedModel;
    /** Every create request as the server parsed it, for tests to assert the fields the client sent. */
    public final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    public OpenAiVideosStub(Flavor flavor, String servedModel) {
        this.flavor = flavor;
        this.servedModel = servedModel;
    }

    @Override
    public String protocol() {
        return "openai-videos";
    }

    @Override
    protected void routes(Router router) {
        router.post("/v1/videos").handler(this::create);
        router.get("/v1/videos/:id").handler(this::retrieve);
        router.get("/v1/videos/:id/content").handler(this::content);
        router.delete("/v1/videos/:id").handler(this::delete);
        router.get("/health").handler(context -> context.response().setStatusCode(200).end());
    }

    @Override
    protected void fault(RoutingContext context, StubScript.Fault fault) {
        if (fault == StubScript.Fault.THROTTLE) {
            context.response().putHeader("retry-after", Integer.toString(script().retryAfterSeconds()));
            json(context, 429, Map.of("error", Map.of("message", "Too many requests", "type", "rate_limit_error", "code", 429)));
        } else {
            json(context, 503, Map.of("error", Map.of("message", "Service temporarily unavailable", "type", "server_error", "code", 503)));
        }
    }

    private void create(RoutingContext context) {
        if (faulted(context, StubScript.Route.CREATE)) {
            return;
        }
        String type = context.request().getHeader("content-type");
        boolean multipart = type != null && type.startsWith("multipart/form-data");
        Map<String, String> fields = new LinkedHashMap<>();
        if (multipart) {
            context.request().formAttributes().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
            context.fileUploads().forEach(upload -> fields.put(upload.name(), "@file:" + upload.fileName()));
        } else if (flavor == Flavor.VLLM_OMNI) {
            // vLLM-Omni reads only the form: a JSON body has no prompt in it.
            validation(context, "prompt", "Field required");
            return;
        } else {
            JsonNode body;
            try {
                body = JSON.readTree(context.body().asString());
            } catch (Exception e) {
                validation(context, "body", "JSON decode error");
                return;
            }
            body.fields().forEachRemaining(entry -> fields.put(entry.getKey(),
                    entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString()));
        }
        if (flavor == Flavor.SGLANG && multipart && !fields.containsKey("input_reference")) {
            validation(context, "input_reference", "Field required");
            return;
        }
        String prompt = fields.get("prompt");
        if (prompt == null || prompt.isBlank()) {
            validation(context, "prompt", "Field required");
            return;
        }
        String model = fields.getOrDefault("model", servedModel);
        if (!model.equals(servedModel)) {
            json(context, 400, Map.of("error", Map.of("message", "Model mismatch: requested " + model + ", served " + servedModel,
                    "type", "invalid_request_error", "code", 400)));
            return;
        }
        Matcher size = SIZE.matcher(fields.getOrDefault("size", "1280x720"));
        if (!size.matches()) {
            validation(context, "size", "String should match pattern '^\\d+x\\d+$'");
            return;
        }
        List<String> problems = new ArrayList<>();
        int fps = intField(fields, "fps", 24, 1, 120, problems);
        int seconds = intField(fields, "seconds", 4, 1, 60, problems);
        int requested = intField(fields, "num_frames", seconds * fps, 1, 2000, problems);
        intField(fields, "num_inference_steps", 50, 1, 200, problems);
        intField(fields, "seed", 0, 0, Integer.MAX_VALUE, problems);
        doubleField(fields, "guidance_scale", 0, 20, problems);
        doubleField(fields, "guidance_scale_2", 0, 20, problems);
        doubleField(fields, "flow_shift", 0, 100, problems);
        if (!problems.isEmpty()) {
            validation(context, problems.get(0), "Input should be a valid number in range");
            return;
        }
        requests.add(Map.copyOf(fields));
        int frames = requested / 4 * 4 + 1;
        String id = "video_gen_" + UUID.randomUUID().toString().replace("-", "");
        StubTask task = newTask(id, new ClipMaker.Format(Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)), fps, frames,
                Boolean.parseBoolean(fields.getOrDefault("generate_sound", "false"))));
        json(context, 200, video(task, model, prompt));
    }

    private void retrieve(RoutingContext context) {
        if (faulted(context, StubScript.Route.POLL)) {
            return;
        }
        script().polls.incrementAndGet();
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null || task.phase() == StubTask.Phase.CANCELED) {
            notFound(context, "Video not found");
            return;
        }
        ObjectNode video = video(task, servedModel, null);
        boolean failed = task.phase() == StubTask.Phase.DONE && !task.succeeded();
        json(context, failed && flavor == Flavor.VLLM_OMNI ? 500 : 200, video);
    }

    private void content(RoutingContext context) {
        if (faulted(context, StubScript.Route.DOWNLOAD)) {
            return;
        }
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null || task.phase() == StubTask.Phase.CANCELED) {
            notFound(context, "Video not found");
        } else if (task.phase() != StubTask.Phase.DONE) {
            notFound(context, "Generation is still in-progress");
        } else if (!task.succeeded()) {
            json(context, flavor == Flavor.VLLM_OMNI ? 422 : 404, Map.of("detail", "Video generation failed"));
        } else {
            script().downloads.incrementAndGet();
            mp4(context, task.result());
        }
    }

    private void delete(RoutingContext context) {
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null) {
            notFound(context, "Video not found");
            return;
        }
        script().deletes.incrementAndGet();
        if (flavor == Flavor.VLLM_OMNI || task.phase() == StubTask.Phase.DONE) {
            task.canceled = true;
            task.canceledAt = Instant.now();
        }
        json(context, 200, Map.of("id", task.id, "deleted", true, "object", "video.deleted"));
    }

    private ObjectNode video(StubTask task, String model, String prompt) {
        ObjectNode video = JSON.createObjectNode();
        video.put("id", task.id).put("object", "video").put("model", model);
        if (prompt != null) {
            video.put("prompt", prompt);
        }
        StubTask.Phase phase = task.phase();
        String status = switch (phase) {
            case QUEUED -> "queued";
            case RUNNING -> flavor == Flavor.SGLANG ? "queued" : "in_progress";
            case DONE, CANCELED -> task.succeeded() ? "completed" : "failed";
        };
        video.put("status", status).put("progress", task.progress()).put("created_at", task.created.getEpochSecond())
                .put("size", task.format.width() + "x" + task.format.height())
                .put("seconds", Integer.toString(Math.max(1, task.format.frames() / task.format.fps())));
        if (phase == StubTask.Phase.DONE) {
            video.put("completed_at", task.end().getEpochSecond()).put("inference_time_s", task.time.toMillis() / 1000.0);
            if (!task.succeeded()) {
                video.putObject("error").put("code", "generation_failed").put("message", "CUDA out of memory");
            }
        }
        return video;
    }

    private static int intField(Map<String, String> fields, String name, int fallback, int min, int max, List<String> problems) {
        String value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                problems.add(name);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name);
            return fallback;
        }
    }

    private static void doubleField(Map<String, String> fields, String name, double min, double max, List<String> problems) {
        String value = fields.get(name);
        if (value == null) {
            return;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed < min || parsed > max) {
                problems.add(name);
            }
        } catch (NumberFormatException e) {
            problems.add(name);
        }
    }

    /** FastAPI's 400/422 body for a request that fails validation. */
    private static void validation(RoutingContext context, String field, String message) {
        json(context, 400, Map.of("error", Map.of("message", field + ": " + message, "type", "invalid_request_error", "code", 400),
                "detail", List.of(Map.of("loc", List.of("body", field), "msg", message))));
    }

    private static void notFound(RoutingContext context, String message) {
        json(context, 404, Map.of("detail", message));
    }
}
