package io.starloom.moderation.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.starloom.moderation.config.ModerationConfig;
import io.starloom.moderation.domain.Judgement;
import io.starloom.moderation.domain.ScreenedText;
import io.starloom.moderation.domain.TextModerator;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.Severity;
import io.starloom.proto.v1.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A second opinion from a guard model behind any OpenAI-compatible {@code POST /v1/chat/completions}
 * endpoint, e.g. Qwen3Guard, which answers "Safety: Safe|Controversial|Unsafe" and "Categories: …". The
 * answer can only make a verdict stricter (Controversial → review, Unsafe → block), never lift a lexicon
 * finding. Off by default; a text the lexicon already blocks is not sent. On a timeout, an error status or
 * an answer it cannot read, screening goes on with the lexicon's verdict alone (logged, without the text).
 */
@ApplicationScoped
public class GuardModel {
    static final String RULE = "guard-model";
    private static final Logger LOG = Logger.getLogger(GuardModel.class);
    private static final Pattern SAFETY = Pattern.compile("Safety:\\s*(Safe|Controversial|Unsafe)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CATEGORIES = Pattern.compile("Categories:\\s*([^\\n]*)", Pattern.CASE_INSENSITIVE);

    private final ModerationConfig.Guard config;
    private final WebClient client;

    public GuardModel(ModerationConfig config, Vertx vertx) {
        this.config = config.guard();
        this.client = this.config.enabled() ? WebClient.create(vertx) : null;
    }

    /** The lexicon's judgement, made stricter where the guard model says so. */
    public Uni<Judgement> review(Judgement lexicon, List<ScreenedText> texts, Language language) {
        boolean chinese = TextModerator.chinese(language, texts.isEmpty() ? "" : texts.get(0).text());
        if (client == null || config.url().isEmpty() || lexicon.verdict() == Verdict.VERDICT_BLOCK || texts.isEmpty()) {
            return Uni.createFrom().item(lexicon);
        }
        StringBuilder content = new StringBuilder();
        texts.forEach(text -> content.append(text.text()).append("\n\n"));
        JsonObject body = new JsonObject().put("model", config.model()).put("temperature", 0)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", content.toString().strip())));
        var request = client.postAbs(config.url().get().replaceAll("/+$", "") + "/v1/chat/completions")
                .timeout(config.timeout().toMillis()).putHeader("Content-Type", "application/json");
        config.apiKey().ifPresent(key -> request.bearerTokenAuthentication(key));
        return request.sendJsonObject(body)
                .map(response -> combine(lexicon, answer(response), chinese))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("guard model unavailable (%s): screening with the lexicon alone", failure.getClass().getSimpleName());
                    return lexicon;
                });
    }

    private static String answer(HttpResponse<io.vertx.mutiny.core.buffer.Buffer> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("guard model answered HTTP " + response.statusCode());
        }
        return response.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }

    private Judgement combine(Judgement lexicon, String answer, boolean chinese) {
        Matcher safety = SAFETY.matcher(answer == null ? "" : answer);
        if (!safety.find()) {
            LOG.warn("guard model answer has no Safety line: screening with the lexicon alone");
            return lexicon;
        }
        String level = safety.group(1).toLowerCase(Locale.ROOT);
        Verdict action = switch (level) {
            case "unsafe" -> Verdict.VERDICT_BLOCK;
            case "controversial" -> Verdict.VERDICT_REVIEW;
            default -> Verdict.VERDICT_ALLOW;
        };
        if (action == Verdict.VERDICT_ALLOW) {
            return lexicon;
        }
        Matcher categories = CATEGORIES.matcher(answer);
        String named = categories.find() ? categories.group(1).strip() : "";
        String reason = chinese ? "安全模型 " + config.model() + " 判定为" + (action == Verdict.VERDICT_BLOCK ? "不安全" : "有争议")
                + (named.isEmpty() ? "" : "：" + named)
                : "the guard model " + config.model() + " judged the text " + safety.group(1) + (named.isEmpty() ? "" : ": " + named);
        List<Finding> findings = new ArrayList<>(lexicon.findings());
        findings.add(Finding.newBuilder().setCategory(category(named)).setTerm(named).setAction(action).setRule(RULE)
                .setSeverity(action == Verdict.VERDICT_BLOCK ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM).setReason(reason).build());
        Verdict verdict = lexicon.verdict() == Verdict.VERDICT_BLOCK || action == Verdict.VERDICT_BLOCK ? Verdict.VERDICT_BLOCK
                : Verdict.VERDICT_REVIEW;
        return new Judgement(verdict, List.copyOf(findings));
    }

    /** Qwen3Guard's category names, as far as ours align with them. */
    private static Category category(String named) {
        String n = named.toLowerCase(Locale.ROOT);
        if (n.contains("sexual")) {
            return Category.CATEGORY_SEXUAL;
        } else if (n.contains("self-harm") || n.contains("suicide")) {
            return Category.CATEGORY_SELF_HARM;
        } else if (n.contains("violen")) {
            return Category.CATEGORY_VIOLENCE;
        } else if (n.contains("jailbreak")) {
            return Category.CATEGORY_PROMPT_INJECTION;
        } else if (n.contains("illegal") || n.contains("unethical")) {
            return Category.CATEGORY_ILLICIT;
        }
        return Category.CATEGORY_UNSPECIFIED;
    }
}
