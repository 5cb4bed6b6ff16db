package io.starloom.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** ffprobe from the bundled FFmpeg build, reading a file into JSON. */
final class Ffprobe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ffprobe() {
    }

    /** Format and streams of a media file. */
    static Probe probe(Path file) {
        String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        Path libraries = Path.of(ffprobe).getParent();
        linkSoname(libraries, "libva.so", "libva.so.2");
        linkSoname(libraries, "libva-drm.so", "libva-drm.so.2");
        List<String> command = List.of(ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "-count_packets", file.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // The bundled executables find their FFmpeg libraries (and libva by soname) only on the library path.
            builder.environment().put("LD_LIBRARY_PATH", libraries.toString());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ffprobe failed on " + file + ": " + err);
            }
            return new Probe(JSON.readTree(out));
        } catch (IOException e) {
            throw new IllegalStateException("ffprobe failed on " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void linkSoname(Path dir, String file, String soname) {
        Path link = dir.resolve(soname);
        if (Files.exists(dir.resolve(file)) && !Files.exists(link)) {
            try {
                Files.createSymbolicLink(link, Path.of(file));
            } catch (IOException e) {
                // another process made it meanwhile, or the cache is read-only: ffprobe will say what is missing
            }
        }
    }

    record Probe(JsonNode json) {
        double durationSeconds() {
            return json.path("format").path("duration").asDouble();
        }

        String formatName() {
            return json.path("format").path("format_name").asText();
        }

        List<JsonNode> streams(String codecType) {
            List<JsonNode> result = new ArrayList<>();
            json.path("streams").forEach(s -> {
                if (codecType.equals(s.path("codec_type").asText())) {
                    result.add(s);
                }
            });
            return result;
        }

        JsonNode video() {
            List<JsonNode> videos = streams("video");
            if (videos.size() != 1) {
                throw new AssertionError("expected exactly one video stream, found " + videos.size() + ": " + json);
            }
            return videos.get(0);
        }

        /** Average frame rate as a number, e.g. "24/1" → 24.0. */
        double frameRate() {
            String[] parts = video().path("avg_frame_rate").asText("0/1").split("/");
            return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
        }
    }
}
