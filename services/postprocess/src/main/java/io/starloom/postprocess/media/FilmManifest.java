package io.starloom.postprocess.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code manifest.json}: every file delivered beside the film with its media type, size and SHA-256,
 * plus what a player or an archive wants to know without opening the MP4 — format, duration, chapters,
 * subtitle languages and who spoke each shot's narration.
 */
final class FilmManifest {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One delivered file. */
    record Entry(String name, String mediaType, String role, String language, Path file) {
    }

    /** Who spoke one shot. */
    record Speech(int shotIndex, String engine, String voice, String note) {
    }

    private FilmManifest() {
    }

    static String json(String storyId, String title, int width, int height, int fps, long durationMillis, String mood,
            List<Chapters.Chapter> chapters, List<Speech> speech, List<Entry> files) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("story_id", storyId).put("title", title);
        root.putObject("video").put("codec", "h264").put("profile", "High").put("width", width).put("height", height)
                .put("fps", fps).put("duration_ms", durationMillis);
        root.putObject("audio").put("codec", "aac").put("sample_rate", 48000).put("loudness_target_lufs", AudioMix.TARGET_LUFS)
                .put("true_peak_ceiling_dbtp", AudioMix.TRUE_PEAK_CEILING).put("music_mood", mood);
        ArrayNode chapterList = root.putArray("chapters");
        chapters.forEach(c -> chapterList.addObject().put("title", c.title()).put("start_ms", c.startMillis()).put("end_ms", c.endMillis()));
        ArrayNode speechList = root.putArray("narration");
        speech.forEach(s -> {
            ObjectNode entry = speechList.addObject().put("shot_index", s.shotIndex()).put("engine", s.engine()).put("voice", s.voice());
            if (!s.note().isEmpty()) {
                entry.put("note", s.note());
            }
        });
        ArrayNode fileList = root.putArray("files");
        for (Entry entry : files) {
            ObjectNode file = fileList.addObject().put("name", entry.name()).put("media_type", entry.mediaType())
                    .put("role", entry.role()).put("bytes", Files.size(entry.file())).put("sha256", sha256(entry.file()));
            if (!entry.language().isEmpty()) {
                file.put("language", entry.language());
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
