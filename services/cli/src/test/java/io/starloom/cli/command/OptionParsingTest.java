package io.starloom.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.protobuf.util.JsonFormat;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.TestKeys;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Shot;
import io.starloom.proto.v1.Storyboard;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.SubmitStoryRequest;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class OptionParsingTest {
    @TempDir
    Path dir;

    @Test
    void submitOptionsUseTheApiNamesCaseInsensitively() {
        SubmitCommand submit = submit("--text", "牛郎织女", "--language", "ZH", "--style", "ink-wash",
                "--resolution", "480P", "--request-id", "qixi-1", "--wait", "--out", "films/qixi");

        SubmitStoryRequest request = submit.request(submit.storyText());

        assertThat(request.getText()).isEqualTo("牛郎织女");
        assertThat(request.getLanguage()).isEqualTo(Language.LANGUAGE_ZH);
        assertThat(request.getStyle()).isEqualTo(Style.STYLE_INK_WASH);
        assertThat(request.getResolution()).isEqualTo(Resolution.RESOLUTION_480P);
        assertThat(request.getRequestId()).isEqualTo("qixi-1");
        assertThat(submit.await).isTrue();
        assertThat(submit.out).isEqualTo(Path.of("films/qixi"));
    }

    @Test
    void previewTakesTheStoryOptionsOfSubmit() {
        PreviewCommand preview = new CommandLine(new StarloomCommand())
                .parseArgs("preview", "--text", "Vega and Altair", "--style", "planetarium", "--language", "en")
                .subcommand().commandSpec().commandLine().getCommand();

        SubmitStoryRequest request = preview.story.request(preview.story.storyText());

        assertThat(request.getText()).isEqualTo("Vega and Altair");
        assertThat(request.getStyle()).isEqualTo(Style.STYLE_PLANETARIUM);
        assertThat(request.getLanguage()).isEqualTo(Language.LANGUAGE_EN);
        assertThatThrownBy(() -> new CommandLine(new StarloomCommand()).parseArgs("preview", "--text", "x", "--wait"))
                .as("a preview does not wait for anything").isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void anEditedStoryboardFileAsPreviewPrintsItGoesWithTheStory() throws Exception {
        Storyboard edit = Storyboard.newBuilder().setTitle("七夕").addShots(Shot.newBuilder().setPrompt("the magpie bridge")
                .setNarration("鹊桥相会。").setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5))).build();
        Path file = Files.writeString(dir.resolve("edited.json"), JsonFormat.printer().print(edit), StandardCharsets.UTF_8);
        SubmitCommand submit = submit("--text", "七夕", "--storyboard", file.toString());
        assertThat(submit.request(submit.storyText()).getStoryboard()).isEqualTo(edit);
        PreviewCommand preview = new CommandLine(new StarloomCommand()).parseArgs("preview", "--text", "七夕", "--storyboard", file.toString())
                .subcommand().commandSpec().commandLine().getCommand();
        assertThat(preview.story.request("七夕").getStoryboard()).as("a preview checks the edit").isEqualTo(edit);

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"scenes\": []}", StandardCharsets.UTF_8);
        for (Path bad : List.of(broken, dir.resolve("missing.json"))) {
            SubmitCommand refused = submit("--text", "七夕", "--storyboard", bad.toString());
            assertThatThrownBy(() -> refused.request("七夕")).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT)).hasMessageContaining(bad.getFileName().toString());
        }
        assertThat(submit("--text", "七夕").request("七夕").hasStoryboard()).isFalse();
    }

    @Test
    void optionsLeftOutStayUnspecifiedSoTheServerChoosesItsDefaults() {
        SubmitCommand submit = submit("--text", "Orion hunts.");

        SubmitStoryRequest request = submit.request("Orion hunts.");

        assertThat(request.getLanguage()).isEqualTo(Language.LANGUAGE_UNSPECIFIED);
        assertThat(request.getStyle()).isEqualTo(Style.STYLE_UNSPECIFIED);
        assertThat(request.getResolution()).isEqualTo(Resolution.RESOLUTION_UNSPECIFIED);
        assertThat(request.getRequestId()).isEmpty();
    }

    @Test
    void unknownNamesAreRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> submit("--text", "x", "--style", "oil-painting"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'oil-painting' is not one of cinematic, ink-wash, planetarium");
        assertThatThrownBy(() -> submit("--text", "x", "--language", "fr"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("zh, en");
        assertThatThrownBy(() -> submit("--text", "x", "--resolution", "4k"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("480p, 720p, 1080p");
    }

    @Test
    void aStoryIsAFileOrTextNeverBoth() throws Exception {
        Path story = Files.writeString(dir.resolve("story.txt"), "Orion.");
        assertThatThrownBy(() -> submit(story.toString(), "--text", "x")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> submit()).isInstanceOf(ParameterException.class)
                .hasMessageContaining("Missing required argument");
    }

    @Test
    void storyFilesAreReadAsUtf8WithoutAByteOrderMarkAndMustBeUtf8() throws Exception {
        Path story = Files.write(dir.resolve("andromeda.txt"), "\uFEFF安德洛墨达被锁在海边岩石上。".getBytes(StandardCharsets.UTF_8));
        assertThat(submit(story.toString()).storyText()).isEqualTo("安德洛墨达被锁在海边岩石上。");

        Path gbk = Files.write(dir.resolve("gbk.txt"), "仙女座".getBytes("GBK"));
        assertThatThrownBy(() -> submit(gbk.toString()).storyText()).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> submit(dir.resolve("missing.txt").toString()).storyText())
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining("not found");
    }

    @Test
    void serverDefaultsToTheLocalSchedulerPort() {
        assumeTrue(System.getenv("STARLOOM_SERVER") == null, "STARLOOM_SERVER is set in this environment");

        assertThat(connection().server).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void connectionOptionsWorkBeforeAndAfterTheCommandName() {
        StarloomCommand top = new StarloomCommand();
        new CommandLine(top).parseArgs("--server", "https://a.example", "list", "--tenant", "acme");

        assertThat(top.connection.server).isEqualTo("https://a.example");
        assertThat(top.connection.tenant).isEqualTo("acme");
    }

    @Test
    void givenTokenWinsOverMinting() throws Exception {
        Path pem = TestKeys.writePem(TestKeys.generate(), dir);
        ConnectionOptions connection = connection("--token", " abc.def.ghi ", "--dev-signing-key", pem.toString(),
                "--issuer", "http://127.0.0.1:1");

        assertThat(connection.bearerToken(Instant.now())).isEqualTo("abc.def.ghi");
    }

    @Test
    void devSigningKeyMintsAVerifiableTokenForTheTenantWithWriterAndReaderRoles() throws Exception {
        KeyPair keys = TestKeys.generate();
        Path pem = TestKeys.writePem(keys, dir);
        String issuer = "http://127.0.0.1:" + closedPort();
        ConnectionOptions connection = connection("--token=", "--dev-signing-key", pem.toString(), "--issuer", issuer,
                "--tenant", "acme");

        String jwt = connection.bearerToken(Instant.now());

        assertThat(TestKeys.signatureValid(jwt, keys)).isTrue();
        JsonObject claims = TestKeys.part(jwt, 1);
        assertThat(claims.get("iss").getAsString()).isEqualTo(issuer);
        assertThat(claims.get("tenant").getAsString()).isEqualTo("acme");
        assertThat(claims.get("sub").getAsString()).isEqualTo("local-user");
        assertThat(claims.getAsJsonArray("groups")).hasToString("[\"story-writer\",\"story-reader\"]");
    }

    @Test
    void devSigningKeyWithoutIssuerIsBadInput() throws Exception {
        assumeTrue(System.getenv("STARLOOM_OIDC_URL") == null, "STARLOOM_OIDC_URL is set in this environment");
        Path pem = TestKeys.writePem(TestKeys.generate(), dir);
        ConnectionOptions connection = connection("--token=", "--dev-signing-key", pem.toString());

        assertThatThrownBy(() -> connection.bearerToken(Instant.now())).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT)).hasMessageContaining("--issuer");
    }

    private static SubmitCommand submit(String... args) {
        List<String> line = new ArrayList<>(List.of("submit"));
        line.addAll(List.of(args));
        return new CommandLine(new StarloomCommand()).parseArgs(line.toArray(String[]::new)).subcommand().commandSpec().commandLine().getCommand();
    }

    /** The connection options as {@code list} with these options sees them: inherited from the top command. */
    private static ConnectionOptions connection(String... args) {
        StarloomCommand top = new StarloomCommand();
        List<String> line = new ArrayList<>(List.of("list"));
        line.addAll(List.of(args));
        new CommandLine(top).parseArgs(line.toArray(String[]::new));
        return top.connection;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
