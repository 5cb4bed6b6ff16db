package io.starloom.moderation.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.starloom.moderation.config.ModerationConfig;
import io.starloom.moderation.domain.Judgement;
import io.starloom.moderation.domain.ScreenedText;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;

/**
 * The guard-model client against a local stub that speaks the OpenAI chat-completions protocol as
 * documented (request: model + messages; answer: choices[0].message.content; errors: a JSON "error" object
 * with an HTTP error status), answering as Qwen3Guard does ("Safety: …", "Categories: …").
 */
class GuardModelTest {
    private static Vertx vertx;
    private static HttpServer stub;
    private static final ConcurrentLinkedQueue<JsonObject> REQUESTS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> KEYS = new ConcurrentLinkedQueue<>();
    /** What the stub answers, by a word the screened text contains. */
    private static final Map<String, String> ANSWERS = Map.of("unsafe", "Safety: Unsafe\nCategories: Violent",
            "controversial", "Safety: Controversial\nCategories: Sexual Content or Sexual Acts", "safe", "Safety: Safe\nCategories: None");

    @BeforeAll
    static void startStub() {
        vertx = Vertx.vertx();
        stub = vertx.createHttpServer().requestHandler(request -> request.body().subscribe().with(body -> {
            if (!request.path().equals("/v1/chat/completions") || !"POST".equals(request.method().name())) {
                request.response().setStatusCode(404).endAndForget(error("Not found", "invalid_request_error"));
                return;
            }
            JsonObject json = body.toJsonObject();
            REQUESTS.add(json);
            KEYS.add(String.valueOf(request.getHeader("Authorization")));
            String content = json.getJsonArray("messages").getJsonObject(0).getString("content");
            if (content.contains("overloaded")) {
                request.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .endAndForget(error("The server is overloaded", "server_error"));
                return;
            }
            if (content.contains("slow")) {
                vertx.setTimer(3000, id -> request.response().putHeader("Content-Type", "application/json").endAndForget(completion("Safety: Unsafe")));
                return;
            }
            String answer = ANSWERS.entrySet().stream().filter(e -> (" " + content + " ").contains(" " + e.getKey() + " ")).map(Map.Entry::getValue).findFirst()
                    .orElse("I cannot tell.");
            request.response().putHeader("Content-Type", "application/json").endAndForget(completion(answer));
        })).listenAndAwait(0, "127.0.0.1");
    }

    @AfterAll
    static void stopStub() {
        stub.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static String completion(String content) {
        return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1764547200).put("model", "Qwen/Qwen3Guard-Gen-0.6B")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("finish_reason", "stop")
                        .put("message", new JsonObject().put("role", "assistant").put("content", content))))
                .put("usage", new JsonObject().put("prompt_tokens", 20).put("completion_tokens", 8).put("total_tokens", 28)).encode();
    }

    private static String error(String message, String type) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type).put("param", (String) null)
                .put("code", (String) null)).encode();
    }

    private static GuardModel guard(Duration timeout) {
        ModerationConfig base = io.starloom.moderation.domain.Policies.config(Map.of());
        ModerationConfig.Guard guard = io.starloom.moderation.domain.Policies.guard(Optional.of("http://127.0.0.1:" + stub.actualPort()), timeout);
        ModerationConfig config = new ModerationConfig() {
            @Override
            public int maxTextLength() {
                return base.maxTextLength();
            }

            @Override
            public Duration lexiconRefresh() {
                return base.lexiconRefresh();
            }

            @Override
            public Guard guard() {
                return guard;
            }

            @Override
            public Policy policy() {
                return base.policy();
            }

            @Override
            public Map<String, Policy> tenants() {
                return base.tenants();
            }
        };
        return new GuardModel(config, vertx);
    }

    private static final Judgement ALLOWED = new Judgement(Verdict.VERDICT_ALLOW, List.of());

    private static Judgement review(String text, Duration timeout) {
        return guard(timeout).review(ALLOWED, List.of(new ScreenedText(text, "story")), Language.LANGUAGE_EN).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void unsafeBlocksControversialReviewsAndSafeChangesNothing() {
        Judgement unsafe = review("The unsafe text.", Duration.ofSeconds(10));
        assertEquals(Verdict.VERDICT_BLOCK, unsafe.verdict());
        Finding finding = unsafe.findings().get(0);
        assertEquals("guard-model", finding.getRule());
        assertEquals("Violent", finding.getTerm());
        assertTrue(finding.getReason().contains("judged the text Unsafe: Violent"), finding.getReason());
        assertEquals(Verdict.VERDICT_REVIEW, review("The controversial text.", Duration.ofSeconds(10)).verdict());
        assertEquals(ALLOWED, review("The safe text.", Duration.ofSeconds(10)));
        JsonObject sent = REQUESTS.stream().filter(r -> r.getJsonArray("messages").getJsonObject(0).getString("content").contains("unsafe"))
                .findFirst().orElseThrow();
        assertEquals("Qwen/Qwen3Guard-Gen-0.6B", sent.getString("model"));
        assertEquals("user", sent.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertTrue(KEYS.contains("Bearer test-key"));
    }

    @Test
    void anErrorATimeoutOrAnUnreadableAnswerFallsBackToTheLexicon() {
        assertEquals(ALLOWED, review("The server is overloaded now.", Duration.ofSeconds(10)));
        assertEquals(ALLOWED, review("A slow answer.", Duration.ofMillis(300)));
        assertEquals(ALLOWED, review("Something the stub cannot classify.", Duration.ofSeconds(10)));
    }

    @Test
    void aBlockedTextIsNotSentAndAGuardNeverLiftsAFinding() {
        int before = REQUESTS.size();
        Judgement blocked = new Judgement(Verdict.VERDICT_BLOCK, List.of(Finding.getDefaultInstance()));
        assertEquals(blocked, guard(Duration.ofSeconds(10)).review(blocked, List.of(new ScreenedText("The safe text.", "")), Language.LANGUAGE_EN)
                .await().atMost(Duration.ofSeconds(30)));
        assertEquals(before, REQUESTS.size());
    }
}
