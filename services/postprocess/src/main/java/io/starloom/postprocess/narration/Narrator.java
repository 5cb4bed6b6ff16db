package io.starloom.postprocess.narration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.starloom.mesh.support.media.MediaKey;
import io.starloom.mesh.support.media.MediaNotFoundException;
import io.starloom.mesh.support.media.MediaStore;
import io.starloom.mesh.support.media.WorkDirectory;
import io.starloom.mesh.support.narration.LanguageDetector;
import io.starloom.proto.v1.Language;

/**
 * Speaks one shot's narration and keeps the audio in the media store under a key made of the story, the
 * shot, the engine and a hash of voice, language and text: the narration command (sent while the shots
 * render) and assembly ask for the same key, so assembly finds the speech already made, and changed text
 * or voice never reuses stale audio. Blocking.
 */
@Singleton
public class Narrator {
    private static final Logger LOG = Logger.getLogger(Narrator.class);

    private final NarrationPolicy policy;
    private final MediaStore store;

    public Narrator(NarrationPolicy policy, MediaStore store) {
        this.policy = policy;
        this.store = store;
    }

    /**
     * @param language the story's; UNSPECIFIED is detected from the text
     * @param voice the story's voice for the language's configured engine; blank for the language's default
     * @throws NarrationException when the engine refuses the request, or is unavailable and the policy says fail
     */
    public Narration narrate(String storyId, int shotIndex, String text, Language language, String voice) {
        Language spoken = language == Language.LANGUAGE_UNSPECIFIED ? LanguageDetector.detect(text) : language;
        NarrationPolicy policy = this.policy.forLanguage(spoken);
        SpeechEngine primary = policy.primary();
        String primaryVoice = voice == null || voice.isBlank() ? primary.defaultVoice(spoken) : voice.strip();
        try {
            return speak(primary, storyId, shotIndex, text, spoken, primaryVoice, "");
        } catch (SpeechUnavailableException e) {
            String why = primary.name() + " is unavailable: " + e.getMessage();
            if (policy.fallback().isPresent()) {
                SpeechEngine fallback = policy.fallback().get();
                LOG.warnf("shot %d of story %s: %s; %s speaks instead", shotIndex, storyId, why, fallback.name());
                try {
                    return speak(fallback, storyId, shotIndex, text, spoken, fallback.defaultVoice(spoken), why);
                } catch (SpeechUnavailableException second) {
                    why += "; the fallback " + fallback.name() + " too: " + second.getMessage();
                }
            }
            if (policy.silentWhenUnavailable()) {
                LOG.warnf("shot %d of story %s: %s; the shot is left without speech (starloom.tts.fallback=silence)",
                        shotIndex, storyId, why);
                return Narration.silent(why);
            }
            throw new NarrationException(NarrationException.TTS_UNAVAILABLE, "shot " + shotIndex + ": " + why);
        } catch (SpeechRejectedException e) {
            throw new NarrationException(NarrationException.TTS_REJECTED, "shot " + shotIndex + ": " + e.getMessage());
        }
    }

    private Narration speak(SpeechEngine engine, String storyId, int shotIndex, String text, Language language, String voice,
            String note) {
        MediaKey key = key(storyId, shotIndex, engine.name(), digest(language + "\n" + voice + "\n" + text));
        String uri = store.uriOf(key);
        if (store.exists(uri)) {
            return new Narration(Optional.of(localFile(uri)), engine.name(), voice, note);
        }
        long started = System.nanoTime();
        try (WorkDirectory work = store.newWorkDirectory()) {
            Path audio = work.path().resolve("speech.wav");
            engine.synthesize(text, language, voice, audio);
            String stored = store.put(key, audio);
            LOG.debugf("shot %d of story %s spoken by %s/%s in %d ms", shotIndex, storyId, engine.name(), voice,
                    (System.nanoTime() - started) / 1_000_000);
            return new Narration(Optional.of(localFile(stored)), engine.name(), voice, note);
        }
    }

    private Path localFile(String uri) {
        try {
            return store.localFile(uri);
        } catch (MediaNotFoundException e) {
            throw new SpeechUnavailableException("the narration audio vanished from the media store: " + e.getMessage(), e);
        }
    }

    /** {@code stories/<story>/narration/shot-<NNN>-<engine>-<hash>.wav}. */
    static MediaKey key(String storyId, int shotIndex, String engine, String hash) {
        // The film key checks the story id; the narration folder sits beside the film's.
        String storyDirectory = MediaKey.film(storyId, "x").path().replaceFirst("/film/x$", "");
        return new MediaKey(storyDirectory + "/narration/" + String.format("shot-%03d-%s-%s.wav", shotIndex, engine, hash));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
