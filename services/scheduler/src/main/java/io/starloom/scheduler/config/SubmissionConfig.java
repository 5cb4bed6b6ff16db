package io.starloom.scheduler.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.starloom.proto.v1.Language;
import io.starloom.scheduler.domain.ApiNames;

/** What a submission may ask for beyond the model profiles and resolutions (starloom.submission.*). */
@ConfigMapping(prefix = "starloom.submission")
public interface SubmissionConfig {
    /**
     * Short names ("zh", "en") of the languages a story may ask a second subtitle track in. Empty by default:
     * only enrichment's LLM rewriter translates narration, so operators list languages here where
     * {@code starloom.enrichment.llm.enabled} is on.
     */
    Optional<List<String>> translationLanguages();

    /**
     * Narration voices the deployment's TTS engines speak (postprocess's starloom.tts.*: e.g. espeak-ng's
     * cmn-latn-pinyin and en-us), offered to clients; a story asking for another is refused (422). Empty by default:
     * any well-formed voice name is accepted, and an unknown one is spoken by postprocess's fallback.
     */
    Optional<List<String>> voices();

    /** The configured voices, trimmed, each once, in configured order. */
    default List<String> offeredVoices() {
        return voices().orElse(List.of()).stream().map(String::strip).filter(voice -> !voice.isEmpty()).distinct().toList();
    }

    /** The configured translation languages, parsed; a misspelt name is an error, never skipped. */
    default List<Language> offeredTranslations() {
        return translationLanguages().orElse(List.of()).stream()
                .map(name -> ApiNames.parse("starloom.submission.translation-languages", name.strip(), Language.class,
                        Language.LANGUAGE_UNSPECIFIED))
                .filter(language -> language != Language.LANGUAGE_UNSPECIFIED).distinct().toList();
    }

    /** Submissions that arrive together share one transaction ({@link io.starloom.scheduler.persistence.GroupCommit}). */
    GroupCommitConfig groupCommit();

    interface GroupCommitConfig {
        /** The most submissions in one transaction; more wait for the next. */
        @WithDefault("64")
        int maxWorks();

        /** Group transactions written at once; each holds a connection of the reactive pool. */
        @WithDefault("2")
        int maxGroups();
    }
}
