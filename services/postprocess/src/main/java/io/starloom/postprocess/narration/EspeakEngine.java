package io.starloom.postprocess.narration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code cmn-latn-pinyin} speaks the tones ("nˈiɜ χˈɑu2"). The text goes in through a file, never as an
 * argument, so no narration can be read as an option.
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
        Path input = null;
        Path log = null;
        Process process = null;
        try {
            input = Files.createTempFile(target.getParent(), "espeak-", ".txt");
            log = Files.createTempFile(target.getParent(), "espeak-", ".log");
            Files.writeString(input, text, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(List.of(executable, "-b", "1", "-v", voice, "-s",
                    String.valueOf(wordsPerMinute), "-w", target.toString(), "-f", input.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            process = ChildProcesses.start(builder);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechUnavailableException("espeak-ng did not finish within " + timeout);
            }
            String said = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new SpeechRejectedException("espeak-ng failed with voice '" + voice + "': " + said);
            }
            if (!Files.isRegularFile(target) || Files.size(target) <= 44) {
                throw new SpeechRejectedException("espeak-ng wrote no speech for voice '" + voice + "'");
            }
        } catch (IOException e) {
            // Most likely not installed: "Cannot run program "espeak-ng": error=2".
            throw new SpeechUnavailableException("espeak-ng cannot run (Debian package espeak-ng): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechUnavailableException("interrupted while espeak-ng was speaking", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(input);
            deleteQuietly(log);
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

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file in the work directory, which is deleted as a whole anyway
            }
        }
    }
}
