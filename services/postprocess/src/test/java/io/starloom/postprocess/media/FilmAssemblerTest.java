package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.Durations;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.mesh.support.media.MediaReferenceException;
import io.starloom.mesh.v1.AssembleFilmCommand;
import io.starloom.mesh.v1.ClipRef;
import io.starloom.postprocess.media.FfmpegTool.Executable;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.VideoFormat;

/** Real clips made with the bundled FFmpeg, edited into real films, checked with ffprobe. */
class FilmAssemblerTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final VideoFormat SMALL = VideoFormat.newBuilder().setWidth(320).setHeight(180).setFps(24).build();
    private static final FfmpegTool TOOL = new FfmpegTool();

    @TempDir
    static Path temp;
    private static Path root;
    private static FilmAssembler assembler;
    /** 2 s test pattern, 2 s colour bars (both 320x180), 2.5 s square pattern in other colours (240x240), all 16 fps. */
    private static List<Path> clips;

    @BeforeAll
    static void makeClips() {
        root = temp.resolve("media");
        MediaSettings settings = new MediaSettings(24, Duration.ofMillis(500), "veryfast", 20, TIMEOUT, Duration.ofSeconds(30));
        assembler = new FilmAssembler(TOOL, new MediaProbe(TOOL, settings), new FileSystemMediaStore(root), settings);
        Path shots = root.resolve("stories/clips/shots");
        clips = List.of(
                TestClips.make(TOOL, shots.resolve("shot-000-a1.mp4"), "testsrc2=size=320x180:rate=16", 2),
                TestClips.make(TOOL, shots.resolve("shot-001-a1.mp4"), "smptebars=size=320x180:rate=16", 2),
                TestClips.make(TOOL, shots.resolve("shot-002-a1.mp4"), "testsrc2=size=240x240:rate=16,hue=h=120", 2.5));
    }

    private static AssembleFilmCommand command(String storyId, Language language, String... narrations) {
        AssembleFilmCommand.Builder command = AssembleFilmCommand.newBuilder()
                .setStoryId(storyId).setOutput(SMALL).setLanguage(language).setTitle("Andromeda");
        for (int k = 0; k < narrations.length; k++) {
            command.addClips(ClipRef.newBuilder().setShotIndex(k).setUri(clips.get(k).toUri().toString()).setNarration(narrations[k])
                    .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(5)));
        }
        return command.build();
    }

    @Test
    void oneClipBecomesAFilmWithoutCrossfade() throws IOException {
        Film film = assembler.assemble(command("one", Language.LANGUAGE_ZH, "安德洛墨达被锁在海边岩石上。"));

        Path video = path(film.getVideoUri());
        assertEquals(root.resolve("stories/one/film/film.mp4"), video);
        JsonNode probe = ffprobe(video);
        assertVideo(probe, 320, 180, 2.0);
        assertSubtitleTrack(probe, "chi", "中文");
        assertEquals("""
                WEBVTT

                1
                00:00:00.000 --> 00:00:02.000
                安德洛墨达被锁在海边岩石上。
                """, read(film.getVttUri()));
        assertEquals("1\n00:00:00,000 --> 00:00:02,000\n安德洛墨达被锁在海边岩石上。\n\n", read(film.getSrtUri()));
        assertEquals("Andromeda", probe.path("format").path("tags").path("title").asText());
    }

    @Test
    void twoClipsCrossfadeIntoOneEnglishFilm() throws IOException {
        Film film = assembler.assemble(command("two", Language.LANGUAGE_EN,
                "Orion hunts on the winter plain.", "The Scorpion creeps closer."));

        JsonNode probe = ffprobe(path(film.getVideoUri()));
        assertVideo(probe, 320, 180, 2 + 2 - 0.5);
        assertSubtitleTrack(probe, "eng", "English");
        assertEquals("""
                1
                00:00:00,000 --> 00:00:01,750
                Orion hunts on the winter plain.

                2
                00:00:01,750 --> 00:00:03,500
                The Scorpion creeps closer.

                """, read(film.getSrtUri()));
        assertEquals(read(film.getSrtUri()), subtitleTrackAsSrt(path(film.getVideoUri())),
                "the soft track carries the same cues as film.srt");
    }

    @Test
    void threeClipsOfMixedShapesBecomeOneFaststartFilm() throws Exception {
        Film film = assembler.assemble(command("three", Language.LANGUAGE_UNSPECIFIED,
                "安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。", "突然，海怪利维坦破浪而出，天空电闪雷鸣。", "英仙座从远方飞来。"));

        Path video = path(film.getVideoUri());
        JsonNode probe = ffprobe(video);
        assertVideo(probe, 320, 180, 2 + 2 + 2.5 - 2 * 0.5);
        assertSubtitleTrack(probe, "chi", "中文");
        assertEquals(SMALL, film.getFormat());
        assertEquals(probe.path("format").path("duration").asDouble(), Durations.toNanos(film.getDuration()) / 1e9, 0.001);
        assertEquals(sha256(video), film.getSha256());
        assertTopLevelBoxOrder(video, "moov", "mdat");
        assertEquals("""
                WEBVTT

                1
                00:00:00.000 --> 00:00:01.750
                安德洛墨达被锁在海边岩石上，夜空
                中银河横贯，仙后座高坐王座。

                2
                00:00:01.750 --> 00:00:03.250
                突然，海怪利维坦破浪而出，天空电
                闪雷鸣。

                3
                00:00:03.250 --> 00:00:05.500
                英仙座从远方飞来。
                """, read(film.getVttUri()));

        // The square clip is scaled to 180x180 and padded with black bars, not stretched.
        byte[] leftBar = grayPixels(video, 5.2, "crop=40:40:0:70");
        byte[] middle = grayPixels(video, 5.2, "crop=40:40:140:70");
        assertTrue(max(leftBar) <= 20, "black bar left of the square clip");
        assertTrue(max(middle) > 60, "picture in the middle");
        try (Stream<Path> files = Files.list(video.getParent())) {
            assertEquals(List.of("film.mp4", "film.srt", "film.vtt"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
        try (Stream<Path> work = Files.list(root.resolve(".work"))) {
            assertEquals(List.of(), work.toList(), "no work directory is left behind");
        }
    }

    @Test
    void theSameCommandTwiceWritesTheSameFilm() throws IOException {
        AssembleFilmCommand command = command("again", Language.LANGUAGE_EN, "Cassiopeia sits on her throne.", "Perseus flies in.");
        Film first = assembler.assemble(command);
        byte[] firstBytes = Files.readAllBytes(path(first.getVideoUri()));
        Film second = assembler.assemble(command);

        assertEquals(first.getVideoUri(), second.getVideoUri());
        assertEquals(first.getSha256(), second.getSha256());
        assertArrayEquals(firstBytes, Files.readAllBytes(path(second.getVideoUri())));
    }

    @Test
    void anUnsetFormatTakesTheFirstClipsSizeAndTheConfiguredRate() {
        AssembleFilmCommand command = command("default-format", Language.LANGUAGE_EN, "Vega.").toBuilder().clearOutput().build();
        assertEquals(SMALL, assembler.assemble(command).getFormat());
    }

    @Test
    void commandsThatCanNeverSucceedSayWhy() throws IOException {
        assertReason(UnassemblableFilmException.NO_CLIPS, AssembleFilmCommand.newBuilder().setStoryId("empty").build());

        String missing = root.resolve("stories/clips/shots/shot-009-a1.mp4").toUri().toString();
        assertReason(UnassemblableFilmException.CLIP_NOT_FOUND, withFirstClip(missing));

        Path outside = Files.copy(clips.get(0), temp.resolve("outside.mp4"));
        assertReason(MediaReferenceException.OUTSIDE_MEDIA_ROOT, withFirstClip(outside.toUri().toString()));
        assertReason(MediaReferenceException.FOREIGN_URI, withFirstClip("https://example.com/shot.mp4"));

        Path text = Files.writeString(root.resolve("stories/clips/shots/not-a-clip.mp4"), "not a video");
        assertReason(UnassemblableFilmException.UNREADABLE_CLIP, withFirstClip(text.toUri().toString()));

        AssembleFilmCommand oddSize = command("odd", Language.LANGUAGE_EN, "Vega.").toBuilder()
                .setOutput(VideoFormat.newBuilder().setWidth(321).setHeight(180).setFps(24)).build();
        assertReason(UnassemblableFilmException.INVALID_OUTPUT_FORMAT, oddSize);

        assertReason(MediaReferenceException.INVALID_KEY, command("../escape", Language.LANGUAGE_EN, "Vega."));
    }

    private static AssembleFilmCommand withFirstClip(String uri) {
        AssembleFilmCommand command = command("broken", Language.LANGUAGE_EN, "Vega.", "Altair.");
        return command.toBuilder().setClips(0, command.getClips(0).toBuilder().setUri(uri)).build();
    }

    private static void assertReason(String reason, AssembleFilmCommand command) {
        UnassemblableFilmException e = assertThrows(UnassemblableFilmException.class, () -> assembler.assemble(command));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private static void assertVideo(JsonNode probe, int width, int height, double seconds) {
        List<JsonNode> video = streams(probe, "video");
        assertEquals(1, video.size());
        assertEquals("h264", video.get(0).path("codec_name").asText());
        assertEquals("yuv420p", video.get(0).path("pix_fmt").asText());
        assertEquals(width, video.get(0).path("width").asInt());
        assertEquals(height, video.get(0).path("height").asInt());
        assertEquals("24/1", video.get(0).path("avg_frame_rate").asText());
        assertEquals(seconds, probe.path("format").path("duration").asDouble(), 0.1, "sum of clips minus crossfades");
        assertTrue(probe.path("format").path("format_name").asText().contains("mp4"));
    }

    private static void assertSubtitleTrack(JsonNode probe, String language, String name) {
        List<JsonNode> subtitles = streams(probe, "subtitle");
        assertEquals(1, subtitles.size());
        assertEquals("mov_text", subtitles.get(0).path("codec_name").asText());
        assertEquals(language, subtitles.get(0).path("tags").path("language").asText());
        assertEquals(name, subtitles.get(0).path("tags").path("handler_name").asText());
        assertEquals(1, subtitles.get(0).path("disposition").path("default").asInt());
    }

    /** moov (the index) before mdat (the media) is what +faststart is for: playback starts while downloading. */
    private static void assertTopLevelBoxOrder(Path file, String first, String then) throws IOException {
        List<String> boxes = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int at = 0;
        while (at + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(buffer.getInt(at));
            boxes.add(new String(bytes, at + 4, 4, StandardCharsets.US_ASCII));
            if (size == 1) {
                size = buffer.getLong(at + 8);
            }
            if (size < 8) {
                break;
            }
            at += (int) size;
        }
        assertTrue(boxes.contains(first) && boxes.contains(then), boxes.toString());
        assertTrue(boxes.indexOf(first) < boxes.indexOf(then), boxes.toString());
    }

    private static List<JsonNode> streams(JsonNode probe, String type) {
        List<JsonNode> found = new ArrayList<>();
        probe.path("streams").forEach(s -> {
            if (type.equals(s.path("codec_type").asText())) {
                found.add(s);
            }
        });
        return found;
    }

    private static JsonNode ffprobe(Path file) throws IOException {
        ToolResult result = TOOL.run(Executable.FFPROBE, List.of("-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", "file:" + file), TIMEOUT).requireSuccess("probing " + file);
        return new ObjectMapper().readTree(result.stdout());
    }

    private static String subtitleTrackAsSrt(Path film) {
        return TOOL.run(Executable.FFMPEG, List.of("-hide_banner", "-loglevel", "error", "-i", "file:" + film, "-map", "0:s",
                "-f", "srt", "-"), TIMEOUT).requireSuccess("extracting subtitles").stdout().replace("\r\n", "\n");
    }

    private static byte[] grayPixels(Path film, double second, String crop) throws IOException {
        Path raw = temp.resolve("frame-" + System.nanoTime() + ".gray");
        TOOL.run(Executable.FFMPEG, List.of("-hide_banner", "-loglevel", "error", "-ss", String.valueOf(second), "-i", "file:" + film,
                "-frames:v", "1", "-vf", crop + ",format=gray", "-f", "rawvideo", "file:" + raw), TIMEOUT).requireSuccess("grabbing a frame");
        return Files.readAllBytes(raw);
    }

    private static int max(byte[] pixels) {
        int max = 0;
        for (byte p : pixels) {
            max = Math.max(max, p & 0xff);
        }
        return max;
    }

    private static String read(String uri) throws IOException {
        return Files.readString(path(uri), StandardCharsets.UTF_8);
    }

    private static Path path(String uri) {
        return Path.of(URI.create(uri));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
