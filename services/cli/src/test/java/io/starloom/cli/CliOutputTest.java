package io.starloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CliOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void progressLineShowsStateShotsPercentAndTime() throws Exception {
        JsonNode story = JSON.readTree("{\"state\":\"GENERATING\",\"progressPercent\":52,"
                + "\"shots\":[{\"state\":\"GENERATED\"},{\"state\":\"RUNNING\"},{\"state\":\"DISPATCHED\"}]}");
        String line = ProgressView.line(story, Duration.ofSeconds(75));
        assertThat(line).startsWith("[###############...............]").contains(" 52%").contains("GENERATING")
                .contains("shots 1/3").endsWith("01:15");
    }

    @Test
    void plainOutputPrintsOneLinePerChangeOnly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressView view = new ProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        JsonNode enriching = JSON.readTree("{\"state\":\"ENRICHING\",\"progressPercent\":5,\"shots\":[]}");
        view.show(enriching);
        view.show(enriching);
        view.show(JSON.readTree("{\"state\":\"SCREENING\",\"progressPercent\":10,\"shots\":[]}"));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    @Test
    void problemBodiesBecomeOneReadableLine() {
        ApiException invalid = StarloomClient.failure(400, "{\"title\":\"The request is invalid\",\"status\":400,"
                + "\"detail\":\"text: a story is required and must not be blank\",\"errors\":[{\"field\":\"text\"}]}");
        assertThat(invalid.getMessage()).isEqualTo("The request is invalid: text: a story is required and must not be blank");
        assertThat(invalid.badInput()).isTrue();
        assertThat(StarloomClient.failure(401, "").getMessage()).contains("STARLOOM_TOKEN");
        assertThat(StarloomClient.failure(503, "<html>").badInput()).isFalse();
    }

    @Test
    void rejectedStoryReportsReasonAndFindings() throws Exception {
        JsonNode story = JSON.readTree("{\"state\":\"REJECTED\",\"failure\":{\"reason\":\"MODERATION_BLOCKED\",\"message\":\"not allowed\"},"
                + "\"findings\":[{\"category\":\"sexual\",\"term\":\"色情\",\"start\":3,\"end\":5}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Outcome.report(story, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Outcome.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MODERATION_BLOCKED").contains("sexual: \"色情\" at 3–5");
    }
}
