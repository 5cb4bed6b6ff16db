package io.starloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.StoryState;

/** The CLI as a person runs it: arguments in, text and an exit code out, against a fake StoryService. */
class StarloomCliTest {
    @TempDir
    Path dir;

    private FakeStarloom server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeStarloom();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("submit", "watch", "get", "list", "cancel", "download", "Exit codes");
    }

    @Test
    void missingStoryFileIsBadInputWithoutAStackTrace() {
        assertThat(run("submit", "--server", server.url(), dir.resolve("no-such-story.txt").toString())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).startsWith("error: story file").contains("no-such-story.txt not found").doesNotContain("\tat ");
        assertThat(server.submitted).isEmpty();
    }

    @Test
    void missingStoryArgumentAndUnknownCommandAreBadInput() {
        assertThat(run("submit")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("error: Missing required argument").contains("Try 'starloom submit --help'");

        assertThat(run("sumbit", "story.txt")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("Did you mean: starloom submit?");
    }

    @Test
    void fieldTheServerRefusesIsNamedOnOneLineAndIsBadInput() {
        assertThat(run("submit", "--server", server.url(), "--token", "t", "--text", "   ")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).isEqualTo("error: invalid request: text: a story is required and must not be blank" + System.lineSeparator());
    }

    @Test
    void submitSendsTheStoryWithTheMintedTokenOfTheDevSigningKey() throws Exception {
        KeyPair keys = TestKeys.generate();
        Path pem = TestKeys.writePem(keys, dir);
        Path story = Files.writeString(dir.resolve("qixi.zh.txt"), "七夕之夜，银河如练。");
        server.stories.put("submitted", Stories.story("q-1", StoryState.STORY_STATE_SUBMITTED, 0, 0).clearShots().build());

        int exit = run("submit", story.toString(), "--style", "ink-wash", "--server", server.url(), "--token=",
                "--dev-signing-key", pem.toString(), "--issuer", "http://127.0.0.1:" + closedPort());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("submitted: q-1  安德洛墨达" + System.lineSeparator());
        assertThat(server.submitted).singleElement().satisfies(request -> {
            assertThat(request.getText()).isEqualTo("七夕之夜，银河如练。");
            assertThat(request.getStyle()).isEqualTo(Style.STYLE_INK_WASH);
        });
        String authorization = server.authorizations.get(0);
        assertThat(authorization).startsWith("Bearer ");
        assertThat(TestKeys.signatureValid(authorization.substring("Bearer ".length()), keys)).isTrue();
    }

    @Test
    void watchPrintsALinePerChangeAndExitsZeroWhenTheStoryCompletes() {
        server.watch("s-1", List.of(
                Stories.story("s-1", StoryState.STORY_STATE_ENRICHING, 5, 0).clearShots().build(),
                Stories.story("s-1", StoryState.STORY_STATE_GENERATING, 40, 1).build(),
                Stories.completed("s-1", 14)));

        assertThat(run("watch", "s-1", "--server", server.url(), "--token", "t")).isZero();

        assertThat(out.toString().lines()).hasSize(4).endsWith("completed: s-1 (14.2 s, 1280×720 at 24 fps)");
        assertThat(out.toString()).contains("GENERATING  40%  shots 1/3");
        assertThat(server.authorizations).containsOnly("Bearer t");
    }

    @Test
    void watchOfAFailedStoryExitsOneWithTheReason() {
        server.watch("s-2", List.of(Stories.failed("s-2", "SHOT_FAILED", "shot 1 failed twice: out of memory")));

        assertThat(run("watch", "s-2", "--server", server.url(), "--token", "t")).isEqualTo(ExitCode.FAILED);

        assertThat(err.toString()).isEqualTo("failed: SHOT_FAILED — shot 1 failed twice: out of memory" + System.lineSeparator());
    }

    @Test
    void watchResumesWhenTheStreamBreaksOff() {
        server.watch("s-3",
                Arrays.asList(Stories.story("s-3", StoryState.STORY_STATE_GENERATING, 40, 1).build(), null),
                List.of(Stories.completed("s-3", 20)));

        assertThat(run("watch", "s-3", "--server", server.url(), "--token", "t")).isZero();

        assertThat(out.toString()).contains("GENERATING", "completed: s-3");
    }

    @Test
    void unknownStoryIsBadInputAndUnreachableServerIsAFailure() throws Exception {
        assertThat(run("get", "nope", "--server", server.url(), "--token", "t")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("error: not found: no story nope" + System.lineSeparator());

        String nowhere = "http://127.0.0.1:" + closedPort();
        assertThat(run("list", "--server", nowhere, "--token", "t")).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).contains("error: cannot reach Starloom at " + nowhere + " (nothing answers there)").doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheCause() throws Exception {
        assertThat(run("list", "--server", "http://127.0.0.1:" + closedPort(), "--token", "t", "--verbose")).isEqualTo(ExitCode.FAILED);

        assertThat(err.toString()).contains("error: cannot reach").contains("\tat ");
    }

    @Test
    void getShowsTheStoryReadablyOrAsJson() {
        server.stories.put("s-4", Stories.completed("s-4", 12));

        assertThat(run("get", "s-4", "--server", server.url(), "--token", "t")).isZero();
        assertThat(out.toString()).contains("state      COMPLETED  100%", "  #2   GENERATED  attempt 1  第3幕");

        assertThat(run("get", "s-4", "--json", "--server", server.url(), "--token", "t")).isZero();
        assertThat(out.toString()).contains("\"state\": \"STORY_STATE_COMPLETED\"", "\"title\": \"安德洛墨达\"");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        return StarloomCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
