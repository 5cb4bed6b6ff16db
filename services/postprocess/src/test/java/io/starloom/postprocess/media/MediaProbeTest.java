package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.Durations;

import io.starloom.proto.v1.MediaStream;
import io.starloom.proto.v1.ProbeMediaResponse;

class MediaProbeTest {
    /** Trimmed output of {@code ffprobe -print_format json -show_format -show_streams} for a film. */
    private static final String FILM_JSON = """
            {
              "streams": [
                { "index": 0, "codec_name": "h264", "codec_type": "video", "width": 1280, "height": 720,
                  "r_frame_rate": "24/1", "avg_frame_rate": "24/1", "duration": "14.208333",
                  "tags": { "language": "und", "handler_name": "VideoHandler" } },
                { "index": 1, "codec_name": "mov_text", "codec_type": "subtitle",
                  "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "duration": "14.187000",
                  "tags": { "language": "chi", "handler_name": "中文" } },
                { "index": 2, "codec_name": "aac", "codec_type": "audio", "sample_rate": "48000",
                  "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "tags": { "language": "eng" } },
                { "index": 3, "codec_name": "mjpeg", "codec_type": "video", "width": 320, "height": 180,
                  "r_frame_rate": "30000/1001", "avg_frame_rate": "0/0" }
              ],
              "format": { "format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "14.208333", "size": "1000" }
            }
            """;

    @Test
    void ffprobeJsonBecomesAProbeResponse() {
        ProbeMediaResponse response = MediaProbe.parse(FILM_JSON, Path.of("/m/stories/s/film/film.mp4"));

        assertEquals("mp4", response.getContainer());
        assertEquals(14_208_333_000L, Durations.toNanos(response.getDuration()));
        assertEquals(4, response.getStreamsCount());
        assertEquals(MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_VIDEO).setCodec("h264").setWidth(1280)
                .setHeight(720).setFrameRate(24).setLanguage("und").build(), response.getStreams(0));
        assertEquals(MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_SUBTITLE).setCodec("mov_text")
                .setLanguage("chi").build(), response.getStreams(1));
        assertEquals(MediaStream.newBuilder().setKind(MediaStream.Kind.KIND_AUDIO).setCodec("aac")
                .setLanguage("eng").build(), response.getStreams(2));
        assertEquals(30000 / 1001.0, response.getStreams(3).getFrameRate(), 1e-9, "falls back to the nominal rate");
    }

    @Test
    void theContainerIsTheFormatMatchingTheExtensionOrTheFirstOne() {
        assertEquals("mov", MediaProbe.containerName("mov,mp4,m4a,3gp,3g2,mj2", Path.of("clip.MOV")));
        assertEquals("webm", MediaProbe.containerName("matroska,webm", Path.of("clip.webm")));
        assertEquals("matroska", MediaProbe.containerName("matroska,webm", Path.of("clip.mkv")));
        assertEquals("mov", MediaProbe.containerName("mov,mp4,m4a,3gp,3g2,mj2", Path.of("film.mp4.1234.part")));
    }
}
