package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FilmCommandLineTest {
    private static final String NORMALISE = "setpts=PTS-STARTPTS"
            + ",scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2"
            + ",pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=24,format=yuv420p";

    private static FilmCommandLine commandLine(int clips, Optional<Path> srt, String title) {
        List<Path> paths = java.util.stream.IntStream.range(0, clips).mapToObj(k -> Path.of("/m/shot-" + k + ".mp4")).toList();
        FilmTimeline timeline = FilmTimeline.of(Collections.nCopies(clips, 5.0625), 24, Duration.ofMillis(500));
        return new FilmCommandLine(paths, timeline, 1280, 720, srt, SubtitleLanguage.CHINESE, title, "veryfast", 20,
                Path.of("/m/film/film.mp4.part"));
    }

    @Test
    void threeClipsAreNormalisedAndChainedWithCrossfades() {
        assertEquals(String.join(";",
                "[0:v]" + NORMALISE + "[v0]",
                "[1:v]" + NORMALISE + "[v1]",
                "[2:v]" + NORMALISE + "[v2]",
                "[v0][v1]xfade=transition=fade:duration=0.500000:offset=4.583333[x1]",
                "[x1][v2]xfade=transition=fade:duration=0.500000:offset=9.125000[film]"),
                commandLine(3, Optional.empty(), "").filterGraph());
    }

    @Test
    void aSingleClipIsOnlyNormalised() {
        assertEquals("[0:v]" + NORMALISE + "[film]", commandLine(1, Optional.empty(), "").filterGraph());
    }

    @Test
    void subtitlesBecomeADefaultMovTextTrackWithLanguageAndName() {
        List<String> args = commandLine(2, Optional.of(Path.of("/m/film/film.srt.part")), "仙女座").arguments();
        String line = String.join(" ", args);
        assertTrue(line.startsWith("-hide_banner -nostdin -nostats -loglevel error -y -i file:/m/shot-0.mp4 -i file:/m/shot-1.mp4 "
                + "-f srt -i file:/m/film/film.srt.part -filter_complex "), line);
        assertTrue(line.contains(" -map [film] -map 2:s -c:s mov_text -metadata:s:s:0 language=chi "
                + "-metadata:s:s:0 handler_name=中文 -disposition:s:0 default "), line);
        assertTrue(line.endsWith(" -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p -map_metadata -1 -map_chapters -1 "
                + "-metadata title=仙女座 -movflags +faststart -f mp4 file:/m/film/film.mp4.part"), line);
    }

    @Test
    void withoutSubtitlesOrTitleThereIsNoTrackAndNoTitle() {
        String line = String.join(" ", commandLine(2, Optional.empty(), " ").arguments());
        assertFalse(line.contains("srt") || line.contains("mov_text") || line.contains("title="), line);
    }
}
