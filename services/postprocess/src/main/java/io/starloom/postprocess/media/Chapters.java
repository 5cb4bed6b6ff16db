package io.starloom.postprocess.media;

import java.util.ArrayList;
import java.util.List;

/**
 * The film's chapters and title as an FFmpeg metadata file: one chapter per shot over the shot's own
 * span, named by the shot's beat, or when the storyboard has none by the first clause of its narration.
 */
final class Chapters {
    private static final int MAX_TITLE = 40;

    /** One chapter, in milliseconds of the film. */
    record Chapter(String title, long startMillis, long endMillis) {
    }

    private Chapters() {
    }

    static List<Chapter> of(FilmTimeline timeline, List<String> beats, List<String> narrations) {
        List<Chapter> chapters = new ArrayList<>();
        for (int k = 0; k < timeline.shots(); k++) {
            chapters.add(new Chapter(title(k, beats.get(k), narrations.get(k)), timeline.spanStartMillis(k), timeline.spanEndMillis(k)));
        }
        return chapters;
    }

    /** The beat; else the narration up to its first clause mark, at most 40 characters; else "Shot N". */
    static String title(int k, String beat, String narration) {
        String title = beat.strip().replaceAll("(?U)\\s+", " ");
        if (title.isEmpty()) {
            title = narration.strip().replaceAll("(?U)\\s+", " ").split("[，。！？；：,.!?;:]", 2)[0].strip();
        }
        if (title.isEmpty()) {
            return "Shot " + (k + 1);
        }
        return title.codePointCount(0, title.length()) <= MAX_TITLE ? title
                : title.substring(0, title.offsetByCodePoints(0, MAX_TITLE - 1)) + "…";
    }

    static String ffmetadata(String title, List<Chapter> chapters) {
        StringBuilder text = new StringBuilder(";FFMETADATA1\n");
        if (!title.isBlank()) {
            text.append("title=").append(escape(title.strip())).append('\n');
        }
        for (Chapter chapter : chapters) {
            text.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(chapter.startMillis())
                    .append("\nEND=").append(chapter.endMillis())
                    .append("\ntitle=").append(escape(chapter.title())).append('\n');
        }
        return text.toString();
    }

    /** ffmetadata escapes '=', ';', '#', '\' and line breaks with a backslash. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (c == '=' || c == ';' || c == '#' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
