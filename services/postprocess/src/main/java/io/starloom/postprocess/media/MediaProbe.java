package io.starloom.postprocess.media;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.Durations;

import io.starloom.postprocess.media.FfmpegTool.Executable;
import io.starloom.proto.v1.MediaStream;
import io.starloom.proto.v1.ProbeMediaResponse;

/** What a media file holds, as ffprobe sees it: container, duration and streams. Blocking. */
@Singleton
public class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FfmpegTool tool;
    private final MediaSettings settings;

    public MediaProbe(FfmpegTool tool, MediaSettings settings) {
        this.tool = tool;
        this.settings = settings;
    }

    /**
     * @throws UnreadableMediaException when ffprobe cannot read the file as media
     * @throws MediaToolException when ffprobe cannot run or does not finish in time
     */
    public ProbeMediaResponse probe(Path file) {
        // "file:" keeps ffprobe from reading a colon in the name as a protocol.
        ToolResult result = tool.run(Executable.FFPROBE, List.of("-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", "file:" + file.toAbsolutePath()), settings.probeTimeout());
        if (!result.succeeded()) {
            throw new UnreadableMediaException(file.getFileName() + " is not readable media: " + result.stderrTail());
        }
        return parse(result.stdout(), file);
    }

    static ProbeMediaResponse parse(String ffprobeJson, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(ffprobeJson);
        } catch (JsonProcessingException e) {
            throw new MediaToolException("ffprobe printed no JSON for " + file.getFileName() + ": " + e.getOriginalMessage(), e);
        }
        JsonNode format = root.path("format");
        ProbeMediaResponse.Builder response = ProbeMediaResponse.newBuilder()
                .setContainer(containerName(format.path("format_name").asText(), file))
                .setDuration(Durations.fromNanos(Math.round(format.path("duration").asDouble(0) * 1e9)));
        root.path("streams").forEach(stream -> response.addStreams(stream(stream)));
        return response.build();
    }

    private static MediaStream stream(JsonNode stream) {
        MediaStream.Kind kind = switch (stream.path("codec_type").asText()) {
            case "video" -> MediaStream.Kind.KIND_VIDEO;
            case "audio" -> MediaStream.Kind.KIND_AUDIO;
            case "subtitle" -> MediaStream.Kind.KIND_SUBTITLE;
            default -> MediaStream.Kind.KIND_UNSPECIFIED;
        };
        MediaStream.Builder builder = MediaStream.newBuilder()
                .setKind(kind)
                .setCodec(stream.path("codec_name").asText())
                .setWidth(stream.path("width").asInt())
                .setHeight(stream.path("height").asInt())
                .setLanguage(stream.path("tags").path("language").asText());
        if (kind == MediaStream.Kind.KIND_VIDEO) {
            double average = rate(stream.path("avg_frame_rate").asText());
            builder.setFrameRate(average > 0 ? average : rate(stream.path("r_frame_rate").asText()));
        }
        return builder.build();
    }

    /** ffprobe names a demuxer family ("mov,mp4,m4a,3gp,3g2,mj2"); the member matching the file's extension is the container. */
    static String containerName(String formatNames, Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        List<String> names = Arrays.asList(formatNames.split(","));
        return names.contains(extension) ? extension : names.get(0);
    }

    /** "24/1" or "30000/1001" as frames per second; 0 when unknown. */
    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 ? 0 : numerator / denominator;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
