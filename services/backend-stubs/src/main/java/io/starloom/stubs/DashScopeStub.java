package io.starloom.stubs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Alibaba Cloud Model Studio's asynchronous video synthesis (DashScope) as documented (docs/backends.md):
 * {@code POST /api/v1/services/aigc/video-generation/video-synthesis} with {@code X-DashScope-Async: enable}
 * (without it 403 AccessDenied), {@code GET /api/v1/tasks/{id}}, {@code POST /api/v1/tasks/{id}/cancel}
 * (PENDING tasks only). Error bodies {@code {request_id, code, message}}: 401 InvalidApiKey, 404 ModelNotFound,
 * 400 InvalidParameter / DataInspectionFailed, 429 Throttling.RateQuota with Retry-After, 500 InternalError.
 * The legacy protocol ({@code size}, {@code duration}, {@code audio}, {@code shot_type}) for wan2.2 … wan2.6 and
 * the {@code media[]} protocol ({@code resolution} + {@code ratio}) of wan2.7. The result is a signed URL on
 * the stub itself that expires.
 */
public final class DashScopeStub extends StubServer {
    /** What one hosted model accepts and makes. */
    private record Model(Set<String> sizes, Set<Integer> durations, int fps, boolean audio, boolean media) {
    }

    private static final Set<String> P480 = Set.of("832*480", "480*832", "624*624");
    private static final Map<String, Model> MODELS = Map.of(
            "wan2.2-t2v-plus", new Model(union(P480, Set.of("1920*1080", "1080*1920", "1440*1440", "1632*1248", "1248*1632")), Set.of(5), 30,
                    false, false),
            "wan2.5-t2v-preview", new Model(union(P480, Set.of("1280*720", "720*1280", "960*960", "1920*1080", "1080*1920")), Set.of(5, 10),
                    24, true, false),
            "wan2.6-t2v", new Model(Set.of("1280*720", "720*1280", "1920*1080", "1080*1920", "1440*1440", "1632*1248"), Set.of(5, 10, 15), 24,
                    true, false),
            "wan2.7-t2v", new Model(Set.of(), Set.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 24, true, true));
    private static final Map<String, String> RATIO_720P = Map.of("16:9", "1280*720", "9:16", "720*1280", "1:1", "960*960");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** A word in a prompt that the stub's input inspection refuses, as the real one refuses unsafe text. */
    public static final String REFUSED_WORD = "STUB-INSPECTION-REFUSES-THIS";

    private final String apiKey;
    private final Map<String, String> prompts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every accepted create body and its headers, for tests to assert what the client sent. */
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    public DashScopeStub(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public String protocol() {
        return "dashscope";
    }

    @Override
    protected void routes(Router router) {
        router.post("/api/v1/services/aigc/video-generation/video-synthesis").handler(this::create);
        router.get("/api/v1/tasks/:id").handler(this::query);
        router.post("/api/v1/tasks/:id/cancel").handler(this::cancel);
        router.get("/oss/:file").handler(this::download);
    }

    @Override
    protected void fault(RoutingContext context, StubScript.Fault fault) {
        if (fault == StubScript.Fault.THROTTLE) {
            context.response().putHeader("retry-after", Integer.toString(script().retryAfterSeconds()));
            error(context, 429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
        } else {
            error(context, 500, "InternalError", "An internal error has occured, please try again later or contact service support.");
        }
    }

    private boolean authorized(RoutingContext context) {
        String authorization = context.request().getHeader("authorization");
        authorizations.add(authorization == null ? "" : authorization);
        if (authorization == null || !authorization.equals("Bearer " + apiKey)) {
            error(context, 401, "InvalidApiKey", "Invalid API-key provided.");
            return false;
        }
        return true;
    }

    private void create(RoutingContext context) {
        if (!authorized(context) || faulted(context, StubScript.Route.CREATE)) {
            return;
        }
        if (!"enable".equals(context.request().getHeader("x-dashscope-async"))) {
            error(context, 403, "AccessDenied", "current user api does not support synchronous calls");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(context.body().asString());
        } catch (Exception e) {
            error(context, 400, "InvalidParameter", "The request body is not valid JSON.");
            return;
        }
        Model model = MODELS.get(body.path("model").asText());
        if (model == null) {
            error(context, 404, "ModelNotFound", "Model not exist.");
            return;
        }
        String prompt = body.path("input").path("prompt").asText("");
        if (prompt.isBlank()) {
            error(context, 400, "BadRequest.EmptyInput", "Required input parameter missing from request.");
            return;
        }
        if (prompt.contains(REFUSED_WORD)) {
            error(context, 400, "DataInspectionFailed", "Input data may contain inappropriate content.");
            return;
        }
        JsonNode parameters = body.path("parameters");
        String size;
        if (model.media()) {
            if (body.path("input").has("prompt") && body.path("input").has("img_url")) {
                error(context, 400, "InvalidParameter", "img_url is not supported by this model, use media.");
                return;
            }
            for (JsonNode media : body.path("input").path("media")) {
                if (!Set.of("first_frame", "last_frame", "driving_audio").contains(media.path("type").asText())) {
                    error(context, 400, "InvalidParameter", "media.type " + media.path("type").asText() + " is not supported.");
                    return;
                }
            }
            String resolution = parameters.path("resolution").asText("1080P");
            String ratio = parameters.path("ratio").asText("16:9");
            String at720 = RATIO_720P.get(ratio);
            if (at720 == null || !Set.of("720P", "1080P").contains(resolution)) {
                error(context, 400, "InvalidParameter", "resolution/ratio " + resolution + " " + ratio + " is not supported.");
                return;
            }
            size = resolution.equals("720P") ? at720 : at720.equals("1280*720") ? "1920*1080" : at720;
        } else {
            size = parameters.path("size").asText("1920*1080");
            if (!model.sizes().contains(size)) {
                error(context, 400, "InvalidParameter", "The size is invalid, supported: " + String.join(", ", model.sizes().stream().sorted().toList()));
                return;
            }
            if (parameters.has("shot_type") && !parameters.path("prompt_extend").asBoolean(true)) {
                error(context, 400, "InvalidParameter", "shot_type takes effect only when prompt_extend is true.");
                return;
            }
        }
        int duration = parameters.path("duration").asInt(5);
        if (!model.durations().contains(duration)) {
            error(context, 400, "InvalidParameter", "The duration " + duration + " is not supported by this model.");
            return;
        }
        long seed = parameters.path("seed").asLong(0);
        if (seed < 0 || seed > Integer.MAX_VALUE) {
            error(context, 400, "InvalidParameter", "seed must be in [0, 2147483647].");
            return;
        }
        requests.add(body);
        String[] wh = size.split("\\*");
        boolean audio = model.audio() && parameters.path("audio").asBoolean(true);
        String id = UUID.randomUUID().toString();
        newTask(id, new ClipMaker.Format(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), model.fps(), duration * model.fps(), audio));
        prompts.put(id, prompt);
        json(context, 200, Map.of("request_id", UUID.randomUUID().toString(), "output", Map.of("task_id", id, "task_status", "PENDING")));
    }

    private void query(RoutingContext context) {
        if (!authorized(context) || faulted(context, StubScript.Route.POLL)) {
            return;
        }
        script().polls.incrementAndGet();
        StubTask task = tasks.get(context.pathParam("id"));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("task_id", context.pathParam("id"));
        if (task == null) {
            output.put("task_status", "UNKNOWN");
            json(context, 200, Map.of("request_id", UUID.randomUUID().toString(), "output", output));
            return;
        }
        output.put("task_status", switch (task.phase()) {
            case QUEUED -> "PENDING";
            case RUNNING -> "RUNNING";
            case CANCELED -> "CANCELED";
            case DONE -> task.succeeded() ? "SUCCEEDED" : "FAILED";
        });
        output.put("submit_time", TIME.format(task.created));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("request_id", UUID.randomUUID().toString());
        reply.put("output", output);
        if (task.phase() == StubTask.Phase.DONE) {
            output.put("scheduled_time", TIME.format(task.created));
            output.put("end_time", TIME.format(task.end()));
            if (task.succeeded()) {
                long expires = task.outcome == StubScript.Outcome.EXPIRED_URL ? Instant.now().minusSeconds(60).getEpochSecond()
                        : Instant.now().plusSeconds(86_400).getEpochSecond();
                output.put("video_url", baseUrl() + "/oss/" + task.id + ".mp4?Expires=" + expires + "&OSSAccessKeyId=stub&Signature=stub");
                output.put("orig_prompt", prompts.get(task.id));
                output.put("actual_prompt", prompts.get(task.id));
                reply.put("usage", Map.of("video_duration", task.format.frames() / task.format.fps(), "video_ratio",
                        task.format.width() + "*" + task.format.height(), "video_count", 1));
            } else if (task.outcome == StubScript.Outcome.CONTENT_REFUSED) {
                output.put("code", "DataInspectionFailed");
                output.put("message", "Output data may contain inappropriate content.");
            } else {
                output.put("code", "InternalError.Algo");
                output.put("message", "An internal error occurred during the algorithm execution.");
            }
        }
        json(context, 200, reply);
    }

    private void cancel(RoutingContext context) {
        if (!authorized(context)) {
            return;
        }
        script().cancels.incrementAndGet();
        StubTask task = tasks.get(context.pathParam("id"));
        if (task == null || task.phase() != StubTask.Phase.QUEUED) {
            error(context, 400, "UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status.");
            return;
        }
        task.canceled = true;
        json(context, 200, Map.of("request_id", UUID.randomUUID().toString()));
    }

    private void download(RoutingContext context) {
        if (faulted(context, StubScript.Route.DOWNLOAD)) {
            return;
        }
        String file = context.pathParam("file");
        StubTask task = tasks.get(file.replace(".mp4", ""));
        long expires = Long.parseLong(context.request().getParam("Expires", "0"));
        if (task == null || expires < Instant.now().getEpochSecond()) {
            context.response().setStatusCode(403).putHeader("content-type", "application/xml")
                    .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>");
            return;
        }
        script().downloads.incrementAndGet();
        mp4(context, task.result());
    }

    private static void error(RoutingContext context, int status, String code, String message) {
        json(context, status, Map.of("request_id", UUID.randomUUID().toString(), "code", code, "message", message));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
