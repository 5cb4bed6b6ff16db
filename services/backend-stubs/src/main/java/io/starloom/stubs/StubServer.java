package io.starloom.stubs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A local HTTP server that speaks one backend's protocol, bound to 127.0.0.1. Subclasses declare the routes;
 * this class holds the tasks, the {@link StubScript} and the one-shot faults every protocol shares.
 */
public abstract class StubServer implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final Map<String, StubTask> tasks = new ConcurrentHashMap<>();
    private final StubScript script = new StubScript();
    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;

    /** The name the launcher and tests know it by: "openai-videos", "lightx2v", "dashscope". */
    public abstract String protocol();

    protected abstract void routes(Router router);

    /** Answers a one-shot fault the protocol's way (its error body shape). */
    protected abstract void fault(RoutingContext context, StubScript.Fault fault);

    /** Starts on {@code port} (0: any free one) and returns once listening. */
    public StubServer start(int port) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(50L << 20));
        routes(router);
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stub " + protocol() + " could not listen on port " + port, e);
        }
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public StubScript script() {
        return script;
    }

    /** How many tasks the server holds, canceled ones included. */
    public int taskCount() {
        return tasks.size();
    }

    /** Whether the task was stopped by a client's cancel or delete. */
    public boolean canceled(String taskId) {
        StubTask task = tasks.get(taskId);
        return task != null && task.canceled;
    }

    /** True when a fault was planned for this request and has been answered. */
    protected boolean faulted(RoutingContext context, StubScript.Route route) {
        StubScript.Fault fault = script.nextFault(route);
        if (fault == null) {
            return false;
        }
        if (fault == StubScript.Fault.MALFORMED) {
            context.response().setStatusCode(200).putHeader("content-type", "application/json").end("{\"status\": \"compl");
        } else {
            fault(context, fault);
        }
        return true;
    }

    protected StubTask newTask(String id, ClipMaker.Format format) {
        StubTask task = new StubTask(id, format, script.taskTime(), script.outcome());
        tasks.put(id, task);
        script.creates.incrementAndGet();
        return task;
    }

    protected static void json(RoutingContext context, int status, Object body) {
        try {
            context.response().setStatusCode(status).putHeader("content-type", "application/json").end(JSON.writeValueAsString(body));
        } catch (Exception e) {
            context.fail(e);
        }
    }

    protected static void mp4(RoutingContext context, byte[] bytes) {
        context.response().setStatusCode(200).putHeader("content-type", "video/mp4")
                .end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing a stub at the end of a test: nothing to recover.
        }
    }
}
