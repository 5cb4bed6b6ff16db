package io.starloom.postprocess.narration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            if (process.exitValue() != 0 || said.contains("not found")) {
                // espeak-ng answers an unknown voice with "Error: voice 'x' not found" (and exit 1).
                throw new SpeechRejectedException("espeak-ng refused voice '" + voice + "': " + said);
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
