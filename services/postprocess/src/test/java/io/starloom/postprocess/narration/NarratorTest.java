package io.starloom.postprocess.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.mesh.support.media.FileSystemMediaStore;
import io.starloom.proto.v1.Language;

/** What speaks when the configured engine cannot, per configuration, and how spoken narration is kept. */
class NarratorTest {
    private static SpeechStub stub;

    @TempDir
    Path root;

    @BeforeAll
    static void start() throws IOException {
        stub = new SpeechStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static SpeechEngine up() {
        return new OpenAiSpeechEngine(stub.baseUrl(), Optional.empty(), "tts-1", "zf_xiaobei", "af_heart", Duration.ofSeconds(5));
    }

    private static SpeechEngine down() {
        return new OpenAiSpeechEngine(URI.create("http://127.0.0.1:9"), Optional.empty(), "tts-1", "alloy", "alloy", Duration.ofSeconds(2));
    }

    @Test
    void theConfiguredEngineSpeaksWithTheLanguagesDefaultVoiceAndTheAudioIsKept() {
        Narrator narrator = new Narrator(NarrationPolicy.orFail(up()), new FileSystemMediaStore(root));
        Narration first = narrator.narrate("s1", 2, "织女星停下手中的织机。", Language.LANGUAGE_UNSPECIFIED, "");
        assertEquals("openai", first.engine());
        assertEquals("zf_xiaobei", first.voice(), "Chinese detected from the text");
        Path audio = first.audio().orElseThrow();
        assertTrue(audio.startsWith(root.resolve("stories/s1/narration")), audio.toString());
        assertTrue(audio.getFileName().toString().startsWith("shot-002-openai-"), audio.toString());
        int calls = stub.requests().size();
        assertEquals(audio, narrator.narrate("s1", 2, "织女星停下手中的织机。", Language.LANGUAGE_ZH, "").audio().orElseThrow());
        assertEquals(calls, stub.requests().size(), "asked again, the stored speech is used");
        Narration otherVoice = narrator.narrate("s1", 2, "织女星停下手中的织机。", Language.LANGUAGE_ZH, "zm_yunxi");
        assertTrue(!otherVoice.audio().orElseThrow().equals(audio), "another voice is other audio");
    }

    @Test
    void aDownEngineFallsBackSilencesOrFailsAsConfigured() {
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        Narration fallback = new Narrator(NarrationPolicy.orElse(down(), up()), store).narrate("s2", 0, "Vega.", Language.LANGUAGE_EN, "nova");
        assertEquals("openai", fallback.engine());
        assertEquals("af_heart", fallback.voice(), "the fallback speaks with its own default voice");
        assertTrue(fallback.note().contains("unavailable"), fallback.note());

        Narration silent = new Narrator(NarrationPolicy.orSilence(down()), store).narrate("s2", 1, "Altair.", Language.LANGUAGE_EN, "");
        assertTrue(silent.audio().isEmpty());
        assertEquals("silence", silent.engine());

        NarrationException failed = assertThrows(NarrationException.class,
                () -> new Narrator(NarrationPolicy.orFail(down()), store).narrate("s2", 3, "Deneb.", Language.LANGUAGE_EN, ""));
        assertEquals(NarrationException.TTS_UNAVAILABLE, failed.reason());
        assertTrue(failed.getMessage().startsWith("shot 3: openai is unavailable"), failed.getMessage());
        assertTrue(Files.notExists(root.resolve("stories/s2/narration").resolve("shot-003")), "nothing half-written");
    }

    @Test
    void englishHasItsOwnEngineAndFallbackWhenConfigured() {
        FileSystemMediaStore store = new FileSystemMediaStore(root);
        SpeechEngine festivalMissing = new FestivalEngine(root.resolve("no-text2wave").toString(), "cmu_us_slt_arctic_hts",
                Duration.ofSeconds(5));
        Narrator narrator = new Narrator(NarrationPolicy.orFail(up()).withEnglish(NarrationPolicy.orElse(festivalMissing, up())), store);
        Narration english = narrator.narrate("s3", 0, "Vega waits by the river.", Language.LANGUAGE_UNSPECIFIED, "");
        assertEquals("openai", english.engine(), "festival is not there, so English falls back");
        assertEquals("af_heart", english.voice());
        assertTrue(english.note().startsWith("festival is unavailable: text2wave cannot run (Debian package festival)"), english.note());
        Narration chinese = narrator.narrate("s3", 1, "牛郎挑着担子。", Language.LANGUAGE_ZH, "");
        assertEquals("zf_xiaobei", chinese.voice());
        assertEquals("", chinese.note(), "Chinese goes to the top-level engine, not English's");

        Narration silent = new Narrator(NarrationPolicy.orFail(up()).withEnglish(NarrationPolicy.orElse(festivalMissing, down())
                .silentWhenAllUnavailable()), store).narrate("s3", 2, "Altair answers.", Language.LANGUAGE_EN, "");
        assertTrue(silent.audio().isEmpty(), "neither English engine there: silence, as configured");
        assertTrue(silent.note().contains("the fallback openai too"), silent.note());
        NarrationException failed = assertThrows(NarrationException.class, () -> new Narrator(NarrationPolicy.orFail(up())
                .withEnglish(NarrationPolicy.orElse(festivalMissing, down())), store).narrate("s3", 3, "Deneb.", Language.LANGUAGE_EN, ""));
        assertTrue(failed.getMessage().startsWith("shot 3: festival is unavailable") && failed.getMessage().contains("the fallback openai too"),
                failed.getMessage());
    }
}
