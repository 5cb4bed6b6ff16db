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

import io.starloom.proto.v1.Language;

/** The HTTP engines against a local server that speaks their documented protocols, errors included; espeak-ng as installed. */
class SpeechEnginesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static SpeechStub stub;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws IOException {
        stub = new SpeechStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private OpenAiSpeechEngine openAi() {
        return new OpenAiSpeechEngine(stub.baseUrl(), Optional.of("sk-local"), "kokoro", "zf_xiaobei", "af_heart", TIMEOUT);
    }

    private DashScopeSpeechEngine dashScope(String key) {
        return new DashScopeSpeechEngine(stub.baseUrl(), Optional.ofNullable(key), "qwen3-tts-flash", "Cherry", "Ethan", TIMEOUT);
    }

    @Test
    void openAiCompatibleServersAnswerWithAudio() throws IOException {
        stub.failWith(0);
        Path out = temp.resolve("openai.wav");
        openAi().synthesize("牛郎织女", Language.LANGUAGE_ZH, "zf_xiaobei", out);
        assertEquals("RIFF", new String(Files.readAllBytes(out), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        var request = stub.requests().get(stub.requests().size() - 1);
        assertEquals("kokoro", request.path("model").asText());
        assertEquals("牛郎织女", request.path("input").asText());
        assertEquals("zf_xiaobei", request.path("voice").asText());
        assertEquals("wav", request.path("response_format").asText());
        assertEquals("zf_xiaobei", openAi().defaultVoice(Language.LANGUAGE_ZH));
        assertEquals("af_heart", openAi().defaultVoice(Language.LANGUAGE_EN));
    }

    @Test
    void openAiErrorsAreReadFromTheirJsonBody() {
        stub.failWith(0);
        SpeechRejectedException rejected = assertThrows(SpeechRejectedException.class,
                () -> openAi().synthesize("Vega", Language.LANGUAGE_EN, "no-such-voice", temp.resolve("a.wav")));
        assertTrue(rejected.getMessage().contains("HTTP 400") && rejected.getMessage().contains("voice 'no-such-voice' not found"),
                rejected.getMessage());
        stub.failWith(503);
        try {
            SpeechUnavailableException down = assertThrows(SpeechUnavailableException.class,
                    () -> openAi().synthesize("Vega", Language.LANGUAGE_EN, "af_heart", temp.resolve("b.wav")));
            assertTrue(down.getMessage().contains("HTTP 503") && down.getMessage().contains("stub failure 503"), down.getMessage());
            stub.failWith(429);
            assertThrows(SpeechUnavailableException.class, () -> openAi().synthesize("Vega", Language.LANGUAGE_EN, "af_heart", temp.resolve("c.wav")));
        } finally {
            stub.failWith(0);
        }
        assertTrue(Files.notExists(temp.resolve("a.wav")), "an error body is not left behind as audio");
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        OpenAiSpeechEngine nowhere = new OpenAiSpeechEngine(URI.create("http://127.0.0.1:9"), Optional.empty(), "tts-1", "alloy", "alloy",
                TIMEOUT);
        assertThrows(SpeechUnavailableException.class, () -> nowhere.synthesize("Vega", Language.LANGUAGE_EN, "alloy", temp.resolve("x.wav")));
    }

    @Test
    void modelStudioAnswersWithAnAudioUrlThatIsDownloaded() throws IOException {
        stub.failWith(0);
        Path out = temp.resolve("dashscope.wav");
        dashScope(SpeechStub.KEY).synthesize("鹊桥相会", Language.LANGUAGE_ZH, "Cherry", out);
        assertEquals(SpeechStub.speech("鹊桥相会").length, Files.size(out));
        var request = stub.requests().get(stub.requests().size() - 1);
        assertEquals("qwen3-tts-flash", request.path("model").asText());
        assertEquals("鹊桥相会", request.path("input").path("text").asText());
        assertEquals("Cherry", request.path("input").path("voice").asText());
        assertEquals("Chinese", request.path("input").path("language_type").asText());
    }

    @Test
    void modelStudioErrorsSayWhatWentWrong() {
        SpeechUnavailableException badKey = assertThrows(SpeechUnavailableException.class,
                () -> dashScope("wrong").synthesize("Vega", Language.LANGUAGE_EN, "Ethan", temp.resolve("k.wav")));
        assertTrue(badKey.getMessage().contains("HTTP 401") && badKey.getMessage().contains("InvalidApiKey"), badKey.getMessage());
        SpeechUnavailableException noKey = assertThrows(SpeechUnavailableException.class,
                () -> dashScope(null).synthesize("Vega", Language.LANGUAGE_EN, "Ethan", temp.resolve("n.wav")));
        assertTrue(noKey.getMessage().contains("STARLOOM_TTS_DASHSCOPE_API_KEY"), noKey.getMessage());
        stub.failWith(429);
        try {
            SpeechUnavailableException throttled = assertThrows(SpeechUnavailableException.class,
                    () -> dashScope(SpeechStub.KEY).synthesize("Vega", Language.LANGUAGE_EN, "Ethan", temp.resolve("t.wav")));
            assertTrue(throttled.getMessage().contains("Throttling"), throttled.getMessage());
            stub.failWith(400);
            assertThrows(SpeechRejectedException.class,
                    () -> dashScope(SpeechStub.KEY).synthesize("Vega", Language.LANGUAGE_EN, "Ethan", temp.resolve("r.wav")));
        } finally {
            stub.failWith(0);
        }
    }

    /**
     * espeak-ng where Debian's package is installed (CI installs it); where it is not, the engine reports
     * itself unavailable — which is what makes the configured fallback speak.
     */
    @Test
    void espeakSpeaksBothLanguagesOrSaysItIsMissing() throws IOException {
        EspeakEngine espeak = new EspeakEngine("espeak-ng", "cmn-latn-pinyin", "en-us", 150, TIMEOUT);
        boolean installed = Files.isExecutable(Path.of("/usr/bin/espeak-ng"));
        Path zh = temp.resolve("zh.wav");
        if (!installed) {
            assertThrows(SpeechUnavailableException.class, () -> espeak.synthesize("你好", Language.LANGUAGE_ZH, "cmn-latn-pinyin", zh));
            return;
        }
        espeak.synthesize("天空电闪雷鸣。", Language.LANGUAGE_ZH, espeak.defaultVoice(Language.LANGUAGE_ZH), zh);
        Path en = temp.resolve("en.wav");
        espeak.synthesize("-v Orion hunts on the winter plain.", Language.LANGUAGE_EN, espeak.defaultVoice(Language.LANGUAGE_EN), en);
        assertTrue(Files.size(zh) > 22_050, "over half a second of 22 kHz speech");
        assertTrue(Files.size(en) > 22_050, "a narration starting with a dash is read, not taken as an option");
        assertThrows(SpeechRejectedException.class, () -> espeak.synthesize("Vega", Language.LANGUAGE_EN, "no-such-voice", temp.resolve("x.wav")));
    }
}
