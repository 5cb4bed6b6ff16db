package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/**
 * Every sample story goes through the whole mesh and comes out as a film that a player would accept:
 * 1280×720 H.264 at 24 fps, one clip per planned shot joined by crossfades, a soft subtitle track in the
 * story's language and matching WebVTT/SRT files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleStoriesIT {
    private static final double CLIP_SECONDS = 81.0 / 16.0; // wan2.2-t2v-a14b-720p: 81 frames at 16 fps
    private static final double CROSSFADE_SECONDS = 0.5;
    private static final Pattern VTT_CUE = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    private final Map<String, String> storyIds = new LinkedHashMap<>();
    private StoryApi api;
    private Path downloads;

    @BeforeAll
    void submitAllSamples() throws IOException {
        Mesh mesh = Mesh.get();
        api = new StoryApi(mesh, "samples");
        downloads = Path.of("target/films");
        // Submitted together, as a class of users would: the mesh must keep them apart.
        for (String sample : List.of("andromeda.zh.txt", "qixi.zh.txt", "orion.en.txt", "winter-sky.zh.txt", "vague.zh.txt")) {
            storyIds.put(sample, api.submit(SampleStories.read(sample), Map.of()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "andromeda.zh.txt", "qixi.zh.txt", "orion.en.txt", "winter-sky.zh.txt", "vague.zh.txt" })
    void sampleStoryBecomesAFinishedFilm(String sample) throws IOException {
        String id = storyIds.get(sample);
        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as("final state of %s: %s", sample, story.prettify()).isEqualTo("COMPLETED");

        Path dir = downloads.resolve(sample.replace(".txt", ""));
        Path film = api.download(id, "film", dir.resolve("film.mp4"));
        Path vtt = api.download(id, "subtitles.vtt", dir.resolve("film.vtt"));
        Path srt = api.download(id, "subtitles.srt", dir.resolve("film.srt"));
        Path storyboardFile = api.download(id, "storyboard", dir.resolve("storyboard.json"));
        JsonNode storyboard = new ObjectMapper().readTree(storyboardFile.toFile());

        int shots = storyboard.path("shots").size();
        assertThat(shots).as("planned shots").isPositive();
        assertThat(story.getList("shots")).as("every planned shot is tracked").hasSize(shots);
        // Frame screening is on by default: each shot's preview render was sampled and judged by nsfwjs, and allowed.
        assertThat(story.getList("shots.state", String.class)).as("every shot's frames screened").containsOnly("SCREENED");

        Ffprobe.Probe probe = Ffprobe.probe(film);
        JsonNode video = probe.video();
        assertThat(probe.formatName()).contains("mp4");
        assertThat(video.path("codec_name").asText()).isEqualTo("h264");
        assertThat(video.path("width").asInt()).isEqualTo(1280);
        assertThat(video.path("height").asInt()).isEqualTo(720);
        assertThat(video.path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(probe.frameRate()).isCloseTo(24.0, within(0.01));

        // No missing shot: at least the clips minus their transitions (at most a crossfade each); shots hold longer
        // where their narration needs it.
        double shortest = shots * CLIP_SECONDS - (shots - 1) * CROSSFADE_SECONDS;
        assertThat(probe.durationSeconds()).as("film duration for %d shots", shots).isGreaterThanOrEqualTo(shortest - 0.25);
        assertThat(video.path("nb_read_packets").asInt()).as("frames").isCloseTo((int) Math.round(probe.durationSeconds() * 24), within(6));
        List<JsonNode> audio = probe.streams("audio");
        assertThat(audio).as("narration and music").hasSize(1);
        assertThat(audio.get(0).path("codec_name").asText()).isEqualTo("aac");

        List<JsonNode> subtitles = probe.streams("subtitle");
        assertThat(subtitles).as("soft subtitle track(s), the story's language first").isNotEmpty();
        assertThat(subtitles.get(0).path("codec_name").asText()).isEqualTo("mov_text");
        String language = sample.contains(".zh.") ? "chi" : "eng";
        assertThat(subtitles.get(0).path("tags").path("language").asText()).isEqualTo(language);

        String vttText = Files.readString(vtt, StandardCharsets.UTF_8);
        assertThat(vttText).startsWith("WEBVTT");
        List<double[]> cues = cues(vttText);
        assertThat(cues).as("at least one cue per shot").hasSizeGreaterThanOrEqualTo(shots);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i)[0]).as("cues in order, no overlap").isGreaterThanOrEqualTo(cues.get(i - 1)[1] - 0.001);
        }
        assertThat(cues.get(cues.size() - 1)[1]).as("last cue ends within the film").isLessThanOrEqualTo(probe.durationSeconds() + 0.05);
        for (String line : vttText.split("\n")) {
            if (!line.isBlank() && !line.startsWith("WEBVTT") && !VTT_CUE.matcher(line).find() && !line.matches("\\d+")) {
                assertThat(SampleStories.fitsSubtitleLine(line)).as("subtitle line too long: %s", line).isTrue();
            }
        }
        assertThat(Files.readString(srt, StandardCharsets.UTF_8)).contains(" --> ").contains(",");
    }

    private static List<double[]> cues(String vtt) {
        List<double[]> cues = new java.util.ArrayList<>();
        Matcher m = VTT_CUE.matcher(vtt);
        while (m.find()) {
            cues.add(new double[] { seconds(m, 1), seconds(m, 5) });
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
