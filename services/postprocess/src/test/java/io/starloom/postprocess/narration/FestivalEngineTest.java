package io.starloom.postprocess.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starloom.postprocess.media.FfmpegTool;
import io.starloom.postprocess.media.FfmpegTool.Executable;
import io.starloom.proto.v1.Language;

/** festival's text2wave: its command line and failures against a fake, and the real one where Debian's packages are installed. */
class FestivalEngineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SLT = "cmu_us_slt_arctic_hts";

    @TempDir
    Path temp;

    /** A text2wave that logs its arguments and the text file, and behaves like the real one for voice_missing. */
    private Path fakeText2wave() throws IOException {
        Path fake = temp.resolve("text2wave");
        Files.writeString(fake, """
                #!/bin/sh
                printf '%s\\n' "$@" > "$(dirname "$0")/args"
                cp "$5" "$(dirname "$0")/text"
                case "$2" in *voice_missing*) echo 'SIOD ERROR: unbound variable : voice_missing'; exit 0;; esac
                head -c 2000 /dev/zero > "$4"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    @Test
    void theTextGoesInThroughAFileAndTheVoiceThroughEval() throws IOException {
        FestivalEngine festival = new FestivalEngine(fakeText2wave().toString(), SLT, TIMEOUT);
        Path out = temp.resolve("out.wav");
        festival.synthesize("-o /etc/passwd “Vega” waits.", Language.LANGUAGE_EN, SLT, out);
        assertEquals(List.of("-eval", "(voice_" + SLT + ")", "-o", out.toString()),
                Files.readAllLines(temp.resolve("args")).subList(0, 4));
        assertEquals("-o /etc/passwd “Vega” waits.", Files.readString(temp.resolve("text"), StandardCharsets.UTF_8),
                "UTF-8 text in a file, never an argument");
        assertEquals(2000, Files.size(out));
        assertEquals(SLT, festival.defaultVoice(Language.LANGUAGE_EN));
    }

    @Test
    void unknownVoicesAreRejectedAndAMissingInstallIsUnavailable() throws IOException {
        FestivalEngine festival = new FestivalEngine(fakeText2wave().toString(), SLT, TIMEOUT);
        SpeechRejectedException unknown = assertThrows(SpeechRejectedException.class,
                () -> festival.synthesize("Vega", Language.LANGUAGE_EN, "missing", temp.resolve("a.wav")));
        assertTrue(unknown.getMessage().contains("no voice 'missing'"), unknown.getMessage());
        Files.deleteIfExists(temp.resolve("args"));
        assertThrows(SpeechRejectedException.class,
                () -> festival.synthesize("Vega", Language.LANGUAGE_EN, "x) (system \"id\"", temp.resolve("b.wav")));
        assertTrue(Files.notExists(temp.resolve("args")), "a voice that is not a plain name never reaches -eval");
        FestivalEngine noVoicePackage = new FestivalEngine(fakeText2wave().toString(), "missing", TIMEOUT);
        SpeechUnavailableException unpackaged = assertThrows(SpeechUnavailableException.class,
                () -> noVoicePackage.synthesize("Vega", Language.LANGUAGE_EN, "missing", temp.resolve("c.wav")));
        assertTrue(unpackaged.getMessage().contains("festvox-us-slt-hts"), unpackaged.getMessage());
        FestivalEngine absent = new FestivalEngine(temp.resolve("nowhere/text2wave").toString(), SLT, TIMEOUT);
        SpeechUnavailableException missing = assertThrows(SpeechUnavailableException.class,
                () -> absent.synthesize("Vega", Language.LANGUAGE_EN, SLT, temp.resolve("d.wav")));
        assertTrue(missing.getMessage().contains("Debian package festival"), missing.getMessage());
        assertThrows(SpeechUnavailableException.class,
                () -> festival.synthesize("织女", Language.LANGUAGE_ZH, SLT, temp.resolve("e.wav")), "festival speaks no Mandarin");
    }

    @Test
    void theRealVoiceSpeaksASentenceAtANarratorsPace() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/text2wave"))
                && Files.isDirectory(Path.of("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts")),
                "Debian's festival and festvox-us-slt-hts are not installed (.ci/run installs them); the fake covers the rest");
        Path out = temp.resolve("slt.wav");
        // 17 words: at a narrator's 130–200 words a minute, 5–8 s; allow for pauses and a fast voice.
        new FestivalEngine("text2wave", SLT, TIMEOUT).synthesize(
                "Once a year, on the seventh night of the seventh month, magpies build a bridge across the river of stars.",
                Language.LANGUAGE_EN, SLT, out);
        FfmpegTool tool = new FfmpegTool();
        String log = tool.run(Executable.FFMPEG, List.of("-hide_banner", "-nostats", "-i", "file:" + out,
                "-af", "silencedetect=noise=-40dB:d=0.3,astats=measure_perchannel=none", "-f", "null", "-"), TIMEOUT)
                .requireSuccess("measuring festival's speech").stderr();
        double duration = number(log, "time=(\\d+):(\\d+):([0-9.]+)", true);
        double rms = number(log, "RMS level dB: (-?[0-9.]+)", false);
        double silent = 0;
        Matcher gaps = Pattern.compile("silence_duration: ([0-9.]+)").matcher(log);
        while (gaps.find()) {
            silent += Double.parseDouble(gaps.group(1));
        }
        assertTrue(duration > 3.5 && duration < 10, "duration " + duration + " s");
        assertTrue(rms > -35 && rms < -6, "RMS " + rms + " dB: audible, not clipped");
        assertTrue(silent < duration * 0.4, silent + " s of " + duration + " s are silence");
    }

    private static double number(String log, String regex, boolean clock) {
        Matcher m = Pattern.compile(regex).matcher(log);
        double value = Double.NaN;
        while (m.find()) { // the last match: ffmpeg's final progress line
            value = clock ? Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3))
                    : Double.parseDouble(m.group(1));
        }
        assertTrue(!Double.isNaN(value), regex + " in " + log);
        return value;
    }
}
