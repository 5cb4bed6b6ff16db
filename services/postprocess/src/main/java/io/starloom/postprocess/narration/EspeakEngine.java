package io.starloom.postprocess.narration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.starloom.postprocess.process.ChildProcesses;
import io.starloom.proto.v1.Language;

/**
 * Debian's {@code espeak-ng}, offline, no key. Mandarin defaults to {@code cmn-latn-pinyin}: espeak-ng's
 * other Mandarin voice, {@code cmn}, turns characters into pinyin with tone numbers and then reads the
 * numbers aloud as English words ({@code espeak-ng -v cmn --ipa 你好} gives "nɪ5θɹˈiː5…", i.e. "ni three");
 * {@code cmn-latn-pinyin} speaks the tones ("nˈiɜ χˈɑu2"). Runs through {@link OfflineSpeech}.
 */
public final class EspeakEngine implements SpeechEngine {
    public static final String NAME = "espeak";

    private final String executable;
    private final String chineseVoice;
    private final String englishVoice;
    private final int wordsPerMinute;
    private final Duration timeout;
    private volatile Set<String> voices;

    public EspeakEngine(String executable, String chineseVoice, String englishVoice, int wordsPerMinute, Duration timeout) {
        this.executable = executable;
        this.chineseVoice = chineseVoice;
        this.englishVoice = englishVoice;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultVoice(Language language) {
        return language == Language.LANGUAGE_ZH ? chineseVoice : englishVoice;
    }

    @Override
    public void synthesize(String text, Language language, String voice, Path target) {
        // espeak-ng quietly speaks with its default voice when asked for one it lacks: check first.
        if (!voices().contains(voice.toLowerCase(Locale.ROOT))) {
            throw new SpeechRejectedException("espeak-ng has no voice '" + voice + "' (espeak-ng --voices lists them)");
        }
        OfflineSpeech.Outcome outcome = OfflineSpeech.run("espeak-ng", "espeak-ng", input -> List.of(executable, "-b", "1", "-v", voice,
                "-s", String.valueOf(wordsPerMinute), "-w", target.toString(), "-f", input.toString()), text, target, timeout);
        if (outcome.exitCode() != 0) {
            throw new SpeechRejectedException("espeak-ng failed with voice '" + voice + "': " + outcome.output());
        }
        if (!OfflineSpeech.wroteSpeech(target)) {
            throw new SpeechRejectedException("espeak-ng wrote no speech for voice '" + voice + "'");
        }
    }

    /** Names {@code -v} accepts: the languages and voice files of {@code espeak-ng --voices}, lower-cased. */
    private Set<String> voices() {
        Set<String> known = voices;
        if (known != null) {
            return known;
        }
        Process process = null;
        try {
            process = ChildProcesses.start(new ProcessBuilder(executable, "--voices").redirectErrorStream(true));
            String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new SpeechUnavailableException("espeak-ng --voices failed: " + listing.strip());
            }
            Set<String> names = new HashSet<>();
            listing.lines().skip(1).map(line -> line.trim().split("\\s+")).filter(columns -> columns.length >= 5).forEach(columns -> {
                names.add(columns[1].toLowerCase(Locale.ROOT));
                String file = columns[4].toLowerCase(Locale.ROOT);
                names.add(file);
                names.add(file.substring(file.lastIndexOf('/') + 1));
            });
            voices = Set.copyOf(names);
            return voices;
        } catch (IOException e) {
            throw new SpeechUnavailableException("espeak-ng cannot run (Debian package espeak-ng): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException("interrupted while listing espeak-ng's voices", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
