package io.starloom.postprocess.media;

import java.util.List;
import java.util.Locale;

/** The cues of a film, rendered as WebVTT or SubRip (UTF-8 text, LF line ends). */
public record Subtitles(List<SubtitleCue> cues) {
    public Subtitles {
        cues = List.copyOf(cues);
    }

    public boolean isEmpty() {
        return cues.isEmpty();
    }

    public String webVtt() {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < cues.size(); i++) {
            SubtitleCue cue = cues.get(i);
            vtt.append('\n').append(i + 1).append('\n')
                    .append(timestamp(cue.startMillis(), '.')).append(" --> ").append(timestamp(cue.endMillis(), '.')).append('\n');
            cue.lines().forEach(line -> vtt.append(escapeVtt(line)).append('\n'));
        }
        return vtt.toString();
    }

    /** Every cue, the last one included, ends with a blank line, as FFmpeg writes SubRip. */
    public String srt() {
        StringBuilder srt = new StringBuilder();
        for (int i = 0; i < cues.size(); i++) {
            SubtitleCue cue = cues.get(i);
            srt.append(i + 1).append('\n')
                    .append(timestamp(cue.startMillis(), ',')).append(" --> ").append(timestamp(cue.endMillis(), ',')).append('\n');
            cue.lines().forEach(line -> srt.append(line).append('\n'));
            srt.append('\n');
        }
        return srt.toString();
    }

    /** {@code HH:MM:SS.mmm} (WebVTT) or {@code HH:MM:SS,mmm} (SubRip). */
    static String timestamp(long millis, char fractionSeparator) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, fractionSeparator, millis % 1000);
    }

    /** WebVTT cue text is markup: a literal ampersand or angle bracket must be a character reference. */
    private static String escapeVtt(String line) {
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
