package io.starloom.postprocess.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which TTS engine speaks the narration, and what happens when it cannot. */
@ConfigMapping(prefix = "starloom.tts")
public interface TtsConfig {

    /**
     * {@code espeak} (offline, the default), {@code festival} (offline, English only), {@code openai} (any
     * /v1/audio/speech server) or {@code dashscope}: speaks Chinese, and English unless {@link #english()} says otherwise.
     */
    @WithDefault("espeak")
    String engine();

    /**
     * What speaks when the engine cannot (not installed, down, overloaded, no key): another engine's name,
     * {@code silence} (the film is made without speech for those shots, and the manifest says so) or
     * {@code fail} (the story fails, naming the shot and the engine's error).
     */
    @WithDefault("silence")
    String fallback();

    /** Longest one synthesis may take. */
    @WithDefault("60s")
    Duration timeout();

    English english();

    Espeak espeak();

    Festival festival();

    OpenAi openai();

    DashScope dashscope();

    /**
     * English narration's own engine and fallback: by default festival's HTS voice, and espeak-ng en-us where
     * festival (or its voice package) is not installed. Set both to the top-level values to speak English
     * like Chinese.
     */
    interface English {
        @WithDefault("festival")
        String engine();

        /** As {@link TtsConfig#fallback()}. */
        @WithDefault("espeak")
        String fallback();
    }

    /** Debian's festival: {@code text2wave} with an HTS voice (package festvox-us-slt-hts). */
    interface Festival {
        @WithDefault("text2wave")
        String executable();

        /** A festival voice name: {@code voice_<name>} must exist. */
        @WithDefault("cmu_us_slt_arctic_hts")
        String englishVoice();
    }

    /** Debian's espeak-ng. */
    interface Espeak {
        @WithDefault("espeak-ng")
        String executable();

        /** Not {@code cmn}: that voice reads tone numbers aloud. */
        @WithDefault("cmn-latn-pinyin")
        String chineseVoice();

        @WithDefault("en-us")
        String englishVoice();

        /** Speaking rate; espeak-ng's own default (175) is hurried for narration. */
        @WithDefault("150")
        int wordsPerMinute();
    }

    /** An OpenAI-compatible speech server. */
    interface OpenAi {
        /** e.g. http://127.0.0.1:8880 for a local Kokoro server, https://api.openai.com for OpenAI. */
        @WithDefault("http://127.0.0.1:8880")
        URI baseUrl();

        /** STARLOOM_TTS_OPENAI_API_KEY; servers without auth need none. */
        Optional<String> apiKey();

        @WithDefault("tts-1")
        String model();

        @WithDefault("alloy")
        String chineseVoice();

        @WithDefault("alloy")
        String englishVoice();
    }

    /** Model Studio (DashScope) Qwen-TTS. */
    interface DashScope {
        @WithDefault("https://dashscope.aliyuncs.com")
        URI baseUrl();

        /** STARLOOM_TTS_DASHSCOPE_API_KEY. */
        Optional<String> apiKey();

        @WithDefault("qwen3-tts-flash")
        String model();

        @WithDefault("Cherry")
        String chineseVoice();

        @WithDefault("Ethan")
        String englishVoice();
    }
}
