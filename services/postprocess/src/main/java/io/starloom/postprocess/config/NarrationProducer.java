package io.starloom.postprocess.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.starloom.postprocess.narration.DashScopeSpeechEngine;
import io.starloom.postprocess.narration.EspeakEngine;
import io.starloom.postprocess.narration.FestivalEngine;
import io.starloom.postprocess.narration.NarrationPolicy;
import io.starloom.postprocess.narration.OpenAiSpeechEngine;
import io.starloom.postprocess.narration.SpeechEngine;

/** Builds the configured TTS engine and its fallback; the narration classes know nothing about configuration. */
public class NarrationProducer {

    @Produces
    @Singleton
    NarrationPolicy narrationPolicy(TtsConfig config) {
        Map<String, SpeechEngine> engines = new LinkedHashMap<>();
        TtsConfig.Espeak espeak = config.espeak();
        engines.put(EspeakEngine.NAME, new EspeakEngine(espeak.executable(), espeak.chineseVoice(), espeak.englishVoice(),
                espeak.wordsPerMinute(), config.timeout()));
        engines.put(FestivalEngine.NAME, new FestivalEngine(config.festival().executable(), config.festival().englishVoice(),
                config.timeout()));
        TtsConfig.OpenAi openai = config.openai();
        engines.put(OpenAiSpeechEngine.NAME, new OpenAiSpeechEngine(openai.baseUrl(), openai.apiKey(), openai.model(),
                openai.chineseVoice(), openai.englishVoice(), config.timeout()));
        TtsConfig.DashScope dashscope = config.dashscope();
        engines.put(DashScopeSpeechEngine.NAME, new DashScopeSpeechEngine(dashscope.baseUrl(), dashscope.apiKey(),
                dashscope.model(), dashscope.chineseVoice(), dashscope.englishVoice(), config.timeout()));
        NarrationPolicy english = policy(engines, config.english().engine(), config.english().fallback(), "starloom.tts.english.");
        if (NarrationPolicy.SILENCE.equals(config.fallback().strip()) && english.fallback().isPresent()) {
            // Neither festival nor espeak-ng installed: English stays silent like Chinese, rather than failing.
            english = english.silentWhenAllUnavailable();
        }
        return policy(engines, config.engine(), config.fallback(), "starloom.tts.").withEnglish(english);
    }

    private static NarrationPolicy policy(Map<String, SpeechEngine> engines, String engine, String fallback, String prefix) {
        SpeechEngine primary = pick(engines, engine, prefix + "engine", "");
        return switch (fallback.strip()) {
            case NarrationPolicy.SILENCE -> NarrationPolicy.orSilence(primary);
            case NarrationPolicy.FAIL -> NarrationPolicy.orFail(primary);
            default -> NarrationPolicy.orElse(primary, pick(engines, fallback, prefix + "fallback", ", silence or fail"));
        };
    }

    private static SpeechEngine pick(Map<String, SpeechEngine> engines, String name, String property, String alternatives) {
        return Optional.ofNullable(engines.get(name.strip())).orElseThrow(() -> new IllegalArgumentException(
                property + "=" + name + " names no TTS engine; use one of " + engines.keySet() + alternatives));
    }
}
