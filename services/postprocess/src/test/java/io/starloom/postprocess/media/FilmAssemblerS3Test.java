package io.starloom.postprocess.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.S3MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.support.testing.LocalS3;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.postprocess.media.FfmpegTool.Executable;
import io.starloom.postprocess.music.MusicLibrary;
import io.starloom.postprocess.narration.NarrationPolicy;
import io.starloom.postprocess.narration.Narrator;
import io.starloom.postprocess.narration.OpenAiSpeechEngine;
import io.starloom.postprocess.narration.SpeechStub;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.VideoFormat;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clips, a clip's own sound and the narration read from, and the film with its side files written to, the S3 media
 * store — a real S3 server in this JVM (S3Proxy over an in-memory blob store, signed requests) — never a file: URI.
 */
class FilmAssemblerS3Test {
    private static final String STORY = "5f1d2c3b-8a9e-4b7c-9d6e-2a1b0c9d8e7f";
    private static final String ACCESS_KEY = "starloom-test";
    private static final String SECRET_KEY = "starloom-test-secret";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final FfmpegTool TOOL = new FfmpegTool();

    private static LocalS3 server;
    private static S3Client s3;
    private static SpeechStub stub;

    @TempDir
    Path temp;

    @BeforeAll
    static void startS3() throws Exception {
        server = LocalS3.start(ACCESS_KEY, SECRET_KEY);
        s3 = server.client();
        s3.createBucket(b -> b.bucket("media"));
        stub = new SpeechStub();
    }

    @AfterAll
    static void stop() throws Exception {
        stub.close();
        s3.close();
        server.close();
    }

    @Test
    void aFilmIsMadeFromAndIntoTheS3Store() throws IOException {
        S3MediaStore store = new S3MediaStore(s3, "media", temp.resolve("local"), 5L * 1024 * 1024, 1L << 30);
        MediaSettings settings = new MediaSettings(24, Duration.ofMillis(500), "veryfast", 23, TIMEOUT, Duration.ofSeconds(30), 1.25, -8);
        OpenAiSpeechEngine engine = new OpenAiSpeechEngine(stub.baseUrl(), Optional.empty(), "tts-1", "zf_xiaobei", "af_heart",
                Duration.ofSeconds(10));
        FilmAssembler assembler = new FilmAssembler(TOOL, new MediaProbe(TOOL, settings), store, settings,
                new Narrator(NarrationPolicy.orFail(engine), store), new MusicLibrary(Optional.empty()));
        String first = TestClips.store(store, MediaKey.clip(STORY, 0, 1), TOOL, "testsrc2=size=320x180:rate=16", 2);
        String second = TestClips.store(store, MediaKey.clip(STORY, 1, 1), TOOL, "smptebars=size=320x180:rate=24", 2);
        String sound;
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path tone = work.path().resolve("sound.m4a");
            TOOL.run(Executable.FFMPEG, List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=2",
                    "-c:a", "aac", "-f", "mp4", "file:" + tone), TIMEOUT).requireSuccess("making the clip's sound");
            sound = store.put(new MediaKey("stories/" + STORY + "/shots/shot-001-a1.m4a"), tone);
        }
        assertThat(first).startsWith("s3://media/");

        Film film = assembler.assemble(AssembleFilmCommand.newBuilder().setStoryId(STORY).setLanguage(Language.LANGUAGE_EN).setTitle("Vega")
                .setOutput(VideoFormat.newBuilder().setWidth(320).setHeight(180).setFps(24))
                .addClips(ClipRef.newBuilder().setShotIndex(0).setUri(first).setNarration("Vega weaves by the river of stars."))
                .addClips(ClipRef.newBuilder().setShotIndex(1).setUri(second).setAudioUri(sound).setNarration("Altair waits across it."))
                .build());

        for (String uri : List.of(film.getVideoUri(), film.getVttUri(), film.getSrtUri(), film.getPosterUri(), film.getManifestUri())) {
            assertThat(uri).startsWith("s3://media/stories/" + STORY + "/film/");
            assertThat(store.exists(uri)).as(uri).isTrue();
        }
        // Read back through the store as another service would: a real film, whose manifest names its checksum.
        Path video = store.localFile(film.getVideoUri());
        String probe = TOOL.run(Executable.FFPROBE, List.of("-v", "error", "-print_format", "json", "-show_streams", "file:" + video), TIMEOUT)
                .requireSuccess("probing the film").stdout();
        JsonNode streams = new ObjectMapper().readTree(probe).path("streams");
        assertThat(streams.findValuesAsText("codec_name")).contains("h264", "aac", "mov_text");
        try (InputStream in = store.open(film.getManifestUri())) {
            JsonNode manifest = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(manifest.toString()).contains(film.getSha256());
        }
        assertThat(Files.size(store.localFile(film.getPosterUri()))).isPositive();
        // The narration was kept in the bucket beside the film, for the next assembly to reuse.
        assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("stories/" + STORY + "/narration/")).contents()).hasSize(2);
    }
}
