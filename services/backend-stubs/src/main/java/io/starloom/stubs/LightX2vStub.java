package io.starloom.stubs;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The LightX2V task server ({@code python -m lightx2v.server}, lightx2v/server): {@code POST /v1/tasks/video/}
 * — with the trailing slash; without it the route that matches is {@code DELETE /v1/tasks/{id}}, so the server
 * answers 405 — then {@code GET /v1/tasks/{id}/status}, {@code GET /v1/tasks/{id}/result} (404 until the task
 * completed, and only when {@code save_result_path} was given), {@code DELETE /v1/tasks/{id}} to stop it.
 * Unknown fields are a 422, as pydantic's {@code extra="forbid"} makes them. Frame counts are rounded to
 * ((n-1)/4)*4+1.
 */
public final class LightX2vStub extends StubServer {
    private static final Set<String> FIELDS = Set.of("task_id", "prompt", "negative_prompt", "use_prompt_enhancer", "image_path",
            "last_frame_path", "audio_path", "seed", "infer_steps", "target_video_length", "num_frames", "target_shape", "target_fps",
            "save_result_path", "lora_name", "lora_strength", "presigned_url");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Every accepted task request, for tests to assert the fields the client sent. */
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @Override
    public String protocol() {
        return "lightx2v";
    }

    @Override
    protected void routes(Router router) {
        router.route(HttpMethod.POST, "/v1/tasks/video").handler(context -> {
            if (context.request().path().endsWith("/")) {
                create(context);
            } else {
                json(context, 405, Map.of("detail", "Method Not Allowed"));
            }
        });
        router.get("/v1/tasks/:id/status").handler(this::status);
        router.get("/v1/tasks/:id/result").handler(this::result);
        router.delete("/v1/tasks/:id").handler(this::stop);
        router.get("/v1/service/status").handler(context -> json(context, 200, Map.of("service_status",
                tasks.values().stream().anyMatch(t -> t.phase() == StubTask.Phase.RUNNING) ? "busy" : "idle")));
    }

    @Override
    protected void fault(RoutingContext context, StubScript.Fault fault) {
        if (fault == StubScript.Fault.THROTTLE) {
            context.response().putHeader("retry-after", Integer.toString(script().retryAfterSeconds()));
            json(context, 429, Map.of("detail", "Task queue is full"));
        } else {
            json(context, 500, Map.of("detail", "Internal Server Error"));
        }
    }

    private void create(RoutingContext context) {
        if (faulted(context, StubScript.Route.CREATE)) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(context.body().asString());
        } catch (Exception e) {
            unprocessable(context, "body", "json_invalid", "JSON decode error");
            return;
        }
        if (body == null || !body.isObject()) {
            unprocessable(context, "body", "model_attributes_type", "Input should be a valid dictionary");
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unprocessable(context, name, "extra_forbidden", "Extra inputs are not permitted");
                return;
            }
        }
        if (!body.path("prompt").isTextual() || body.path("prompt").asText().isBlank()) {
            unprocessable(context, "prompt", "missing", "Field required");
            return;
        }
        JsonNode shape = body.path("target_shape");
        if (!shape.isArray() || shape.size() != 2 || !shape.get(0).canConvertToInt() || !shape.get(1).canConvertToInt()) {
            unprocessable(context, "target_shape", "list_type", "Input should be a valid list [height, width]");
            return;
        }
        int length = body.path("target_video_length").asInt(81);
        int frames = (length - 1) / 4 * 4 + 1;
        requests.add(body);
        String id = body.path("task_id").asText(UUID.randomUUID().toString());
        StubTask task = newTask(id, new ClipMaker.Format(shape.get(1).asInt(), shape.get(0).asInt(), body.path("target_fps").asInt(16), frames,
                false));
        json(context, 200, Map.of("task_id", task.id, "task_status", "pending", "save_result_path", body.path("save_result_path").asText("")));
    }

    private void status(RoutingContext context) {
        if (faulted(context, StubScript.Route.POLL)) {
            return;
        }
        script().polls.incrementAndGet();
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null) {
            json(context, 404, Map.of("detail", "Task not found"));
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("task_id", task.id);
        status.put("status", switch (task.phase()) {
            case QUEUED -> "pending";
            case RUNNING -> "processing";
            case CANCELED -> "cancelled";
            case DONE -> task.succeeded() ? "completed" : "failed";
        });
        status.put("start_time", TIME.format(task.created));
        status.put("end_time", task.phase() == StubTask.Phase.DONE ? TIME.format(task.end()) : null);
        boolean failed = task.phase() == StubTask.Phase.DONE && !task.succeeded();
        status.put("error", failed ? "RuntimeError: CUDA out of memory" : null);
        status.put("error_type", failed ? "RuntimeError" : null);
        status.put("save_result_path", "/tmp/lightx2v/" + task.id + ".mp4");
        json(context, 200, status);
    }

    private void result(RoutingContext context) {
        if (faulted(context, StubScript.Route.DOWNLOAD)) {
            return;
        }
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null || !task.succeeded()) {
            json(context, 404, Map.of("detail", "Task result not available"));
            return;
        }
        script().downloads.incrementAndGet();
        mp4(context, task.result());
    }

    private void stop(RoutingContext context) {
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null) {
            json(context, 404, Map.of("detail", "Task not found"));
            return;
        }
        script().deletes.incrementAndGet();
        if (task.phase() == StubTask.Phase.QUEUED || task.phase() == StubTask.Phase.RUNNING) {
            task.canceled = true;
            json(context, 200, Map.of("message", "Task " + task.id + " stopped successfully."));
        } else {
            json(context, 200, Map.of("message", "Task " + task.id + " is already finished."));
        }
    }

    private static void unprocessable(RoutingContext context, String field, String type, String message) {
        json(context, 422, Map.of("detail", List.of(Map.of("type", type, "loc", List.of("body", field), "msg", message))));
    }
}
