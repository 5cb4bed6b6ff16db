package io.starloom.postprocess.narration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.starloom.proto.v1.Language;

/**
 * Debian's festival ({@code text2wave}) with an HTS voice, offline, no key: English only. Its default,
 * {@code cmu_us_slt_arctic_hts} (package {@code festvox-us-slt-hts}), is the most natural English of the
 * offline engines measured (docs/benchmarks.md). A voice is festival's voice name, i.e. the function
 * {@code voice_<name>} that {@code -eval} calls; festival has no Mandarin voice, so Chinese is unavailable
 * here and the fallback engine speaks it.
 */
public final class FestivalEngine implements SpeechEngine {
    public static final String NAME = "festival";
    /** The name becomes Scheme code in {@code -eval}: nothing but a plain identifier may get there. */
    private static final Pattern VOICE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String executable;
    private final String englishVoice;
    private final Duration timeout;

    public FestivalEngine(String executable, String englishVoice, Duration timeout) {
        this.executable = executable;
        this.englishVoice = englishVoice;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultVoice(Language language) {
        return englishVoice;
    }

    @Override
    public void synthesize(String text, Language language, String voice, Path target) {
        if (language == Language.LANGUAGE_ZH) {
            throw new SpeechUnavailableException("festival has no Mandarin voice");
        }
        if (!VOICE.matcher(voice).matches()) {
            throw new SpeechRejectedException("'" + voice + "' is no festival voice name (e.g. cmu_us_slt_arctic_hts, kal_diphone)");
        }
        OfflineSpeech.Outcome outcome = OfflineSpeech.run("text2wave", "festival", input -> List.of(executable, "-eval",
                "(voice_" + voice + ")", "-o", target.toString(), input.toString()), text, target, timeout);
        // text2wave exits 0 even when the voice function is unbound; it just writes nothing.
        if (outcome.output().contains("unbound variable : voice_")) {
            String why = "festival has no voice '" + voice + "'";
            if (voice.equals(englishVoice)) {
                throw new SpeechUnavailableException(why + " (Debian package festvox-us-slt-hts for cmu_us_slt_arctic_hts)");
            }
            throw new SpeechRejectedException(why + " (festival -b '(print (voice.list))' lists them)");
        }
        if (outcome.exitCode() != 0 || !OfflineSpeech.wroteSpeech(target)) {
            throw new SpeechRejectedException("text2wave wrote no speech with voice '" + voice + "': " + outcome.output());
        }
    }
}
