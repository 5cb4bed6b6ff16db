package io.starloom.postprocess.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SubtitleWriterTest {

    @Test
    void oneCuePerShotWithTheShotsExactSpan() {
        Subtitles subtitles = SubtitleWriter.write(List.of(
                new NarrationSpan("安德洛墨达被锁在海边岩石上。", 0, 4833),
                new NarrationSpan("夜空中银河横贯。", 4833, 9375),
                new NarrationSpan("仙后座高坐王座。", 9375, 14208)));

        assertEquals(List.of(
                new SubtitleCue(0, 4833, List.of("安德洛墨达被锁在海边岩石上。")),
                new SubtitleCue(4833, 9375, List.of("夜空中银河横贯。")),
                new SubtitleCue(9375, 14208, List.of("仙后座高坐王座。"))), subtitles.cues());
    }

    @Test
    void webVttIsExact() {
        Subtitles subtitles = SubtitleWriter.write(List.of(
                new NarrationSpan("安德洛墨达被锁在海边岩石上，夜空中银河横贯，仙后座高坐王座。", 0, 4833),
                new NarrationSpan("突然，海怪利维坦破浪而出。", 4833, 3_723_004)));

        assertEquals("""
                WEBVTT

                1
                00:00:00.000 --> 00:00:04.833
                安德洛墨达被锁在海边岩石上，
                夜空中银河横贯，仙后座高坐王座。

                2
                00:00:04.833 --> 01:02:03.004
                突然，海怪利维坦破浪而出。
                """, subtitles.webVtt());
    }

    @Test
    void srtIsExact() {
        Subtitles subtitles = SubtitleWriter.write(List.of(
                new NarrationSpan("Orion hunts on the winter plain.", 0, 4833),
                new NarrationSpan("The Scorpion creeps closer & closer.", 4833, 9375)));

        assertEquals("""
                1
                00:00:00,000 --> 00:00:04,833
                Orion hunts on the winter plain.

                2
                00:00:04,833 --> 00:00:09,375
                The Scorpion creeps closer & closer.

                """, subtitles.srt());
    }

    @Test
    void webVttEscapesMarkupCharacters() {
        Subtitles subtitles = SubtitleWriter.write(List.of(new NarrationSpan("Stars <brighter> & closer", 0, 1000)));
        assertTrue(subtitles.webVtt().contains("\nStars &lt;brighter&gt; &amp; closer\n"), subtitles.webVtt());
        assertTrue(subtitles.srt().contains("\nStars <brighter> & closer\n"), subtitles.srt());
    }

    @Test
    void longChineseNarrationSharesTheShotInProportionToLength() {
        // 41 characters in four clauses of 10, 11, 11 and 9 → two two-line cues of 21 and 20 characters.
        String narration = "牵牛星挑着一双儿女，在河的这一岸久久凝望；织女星停下手中的织机，泪光映着满天星光。";
        assertEquals(41, narration.length());
        List<SubtitleCue> cues = SubtitleWriter.write(List.of(new NarrationSpan(narration, 10_000, 15_000))).cues();

        assertEquals(2, cues.size());
        assertEquals(2, cues.get(0).lines().size());
        assertEquals(2, cues.get(1).lines().size());
        assertEquals(10_000, cues.get(0).startMillis());
        assertEquals(10_000 + Math.round(5000 * 21 / 41.0), cues.get(0).endMillis());
        assertEquals(cues.get(0).endMillis(), cues.get(1).startMillis());
        assertEquals(15_000, cues.get(1).endMillis());
        assertEquals(narration, String.join("", cues.get(0).lines()) + String.join("", cues.get(1).lines()));
    }

    @Test
    void longEnglishNarrationBecomesConsecutiveCuesOfAtMostTwoLines() {
        String narration = "Orion, the great hunter, strides across the winter plain with his club raised, his three-star belt "
                + "shining like silver nails. At his feet the Hare darts through the frosted grass. Far behind him, the "
                + "Scorpion creeps out of the earth, sent by the goddess he angered.";
        List<SubtitleCue> cues = SubtitleWriter.write(List.of(new NarrationSpan(narration, 5_000, 10_000))).cues();

        assertEquals(4, cues.size(), cues.toString());
        long previousEnd = 5_000;
        for (SubtitleCue cue : cues) {
            assertTrue(cue.lines().size() <= 2, cue.toString());
            cue.lines().forEach(line -> assertTrue(line.length() <= 42, line));
            assertEquals(previousEnd, cue.startMillis(), "consecutive, no gap or overlap");
            assertTrue(cue.endMillis() > cue.startMillis());
            previousEnd = cue.endMillis();
        }
        assertEquals(10_000, previousEnd);
        assertEquals(narration, String.join(" ", cues.stream().flatMap(cue -> cue.lines().stream()).toList()));
        // A full two-line cue stays on screen longer than the one-line cue at the end.
        SubtitleCue first = cues.get(0);
        SubtitleCue last = cues.get(cues.size() - 1);
        assertTrue(first.endMillis() - first.startMillis() > last.endMillis() - last.startMillis());
    }

    @Test
    void shotsWithoutNarrationHaveNoCueAndNoSubtitlesAreEmpty() {
        Subtitles subtitles = SubtitleWriter.write(List.of(
                new NarrationSpan("", 0, 4833),
                new NarrationSpan("Cassiopeia sits on her throne.", 4833, 9375),
                new NarrationSpan("  ", 9375, 14208)));
        assertEquals(List.of(new SubtitleCue(4833, 9375, List.of("Cassiopeia sits on her throne."))), subtitles.cues());
        assertEquals("1\n00:00:04,833 --> 00:00:09,375\nCassiopeia sits on her throne.\n\n", subtitles.srt());

        Subtitles none = SubtitleWriter.write(List.of(new NarrationSpan(" ", 0, 1000)));
        assertTrue(none.isEmpty());
        assertEquals("WEBVTT\n", none.webVtt());
        assertEquals("", none.srt());
    }

    @Test
    void timestampsCarryHoursMinutesSecondsAndMilliseconds() {
        assertEquals("00:00:00.000", Subtitles.timestamp(0, '.'));
        assertEquals("00:00:59,999", Subtitles.timestamp(59_999, ','));
        assertEquals("01:01:01.001", Subtitles.timestamp(3_661_001, '.'));
    }
}
