package io.starloom.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The stubs answer the documented quirks of the servers they stand for, so clients are tested against them. */
class StubProtocolTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void lightX2vWantsTheTrailingSlashAndNoUnknownFields() throws Exception {
        try (StubServer stub = new LightX2vStub().start(0)) {
            String task = "{\"prompt\":\"Vega\",\"target_shape\":[48,64],\"target_video_length\":5,\"target_fps\":8}";
            assertThat(post(stub.baseUrl() + "/v1/tasks/video", task, "application/json").statusCode()).isEqualTo(405);
            HttpResponse<String> extra = post(stub.baseUrl() + "/v1/tasks/video/", task.replace("}", ",\"num_inference_steps\":4}"),
                    "application/json");
            assertThat(extra.statusCode()).isEqualTo(422);
            assertThat(extra.body()).contains("extra_forbidden", "num_inference_steps");
            assertThat(post(stub.baseUrl() + "/v1/tasks/video/", task, "application/json").body()).contains("\"task_status\":\"pending\"");
        }
    }

    @Test
    void dashScopeRefusesSynchronousCallsBadKeysAndUnknownModels() throws Exception {
        try (StubServer stub = new DashScopeStub("sk-right").start(0)) {
            String url = stub.baseUrl() + "/api/v1/services/aigc/video-generation/video-synthesis";
            String body = "{\"model\":\"wan2.2-t2v-plus\",\"input\":{\"prompt\":\"Vega\"},\"parameters\":{\"size\":\"832*480\",\"duration\":5}}";
            HttpResponse<String> sync = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer sk-right")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sync.statusCode()).isEqualTo(403);
            assertThat(sync.body()).contains("AccessDenied", "does not support synchronous calls");
            assertThat(async(url, "sk-wrong", body).body()).contains("InvalidApiKey");
            assertThat(async(url, "sk-right", body.replace("wan2.2-t2v-plus", "wan9")).statusCode()).isEqualTo(404);
            assertThat(async(url, "sk-right", body.replace("\"duration\":5", "\"duration\":10")).body())
                    .as("wan2.2-t2v-plus makes 5 s only").contains("InvalidParameter");
            assertThat(async(url, "sk-right", body).body()).contains("\"task_status\":\"PENDING\"");
        }
    }

    @Test
    void vllmOmniReadsOnlyTheFormAndRoundsFrames() throws Exception {
        try (StubServer stub = new OpenAiVideosStub(OpenAiVideosStub.Flavor.VLLM_OMNI, "m").start(0)) {
            HttpResponse<String> json = post(stub.baseUrl() + "/v1/videos", "{\"prompt\":\"Vega\"}", "application/json");
            assertThat(json.statusCode()).isEqualTo(400);
            assertThat(json.body()).contains("prompt", "Field required");
        }
    }

    @Test
    void clipsHaveTheAskedSizeFramesAndAudio() throws Exception {
        byte[] clip = ClipMaker.clip(new ClipMaker.Format(64, 48, 8, 9, true));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("clip", ".mp4");
        java.nio.file.Files.write(file, clip);
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(64);
            assertThat(grabber.getImageHeight()).isEqualTo(48);
            assertThat(grabber.getAudioChannels()).isEqualTo(1);
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(9);
            grabber.stop();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private HttpResponse<String> async(String url, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).header("X-DashScope-Async", "enable")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
