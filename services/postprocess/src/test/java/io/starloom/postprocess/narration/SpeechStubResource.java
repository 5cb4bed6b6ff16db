package io.starloom.postprocess.narration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's TTS at a {@link SpeechStub} speaking the OpenAI protocol, so that the Quarkus tests
 * hear the same speech with and without Debian's espeak-ng.
 */
public class SpeechStubResource implements QuarkusTestResourceLifecycleManager {
    private SpeechStub stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = new SpeechStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("starloom.tts.engine", "openai", "starloom.tts.fallback", "fail",
                "starloom.tts.english.engine", "openai", "starloom.tts.english.fallback", "fail",
                "starloom.tts.openai.base-url", stub.baseUrl().toString());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
