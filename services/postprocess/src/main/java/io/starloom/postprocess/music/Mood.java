package io.starloom.postprocess.music;

import java.util.List;
import java.util.Locale;

import io.starloom.proto.v1.Style;

/**
 * The feeling of a story's music bed, read from its narration: storms, battles and monsters are
 * {@link #TENSE}; love, longing and partings {@link #TENDER}; gods, fate and the unknown
 * {@link #MYSTERIOUS}; everything else {@link #SERENE}. Each mood is a chord progression in the
 * generated score and a file-name prefix in an operator's music folder.
 */
public enum Mood {
    SERENE(List.of()),
    TENSE(List.of("storm", "battle", "monster", "fight", "war", "rage", "thunder", "lightning", "flood", "fire", "kill",
            "danger", "暴风", "风暴", "雷", "电闪", "战", "怪", "怒", "洪水", "火", "杀", "危")),
    TENDER(List.of("love", "lover", "longing", "miss", "part", "weep", "tear", "bride", "marry", "embrace", "爱", "思念",
            "相会", "分离", "哭", "泪", "嫁", "鹊桥", "牛郎", "织女")),
    MYSTERIOUS(List.of("god", "fate", "oracle", "prophecy", "spirit", "ghost", "heaven", "immortal", "secret", "神", "命运",
            "仙", "天帝", "王母", "神谕", "秘密"));

    private final List<String> cues;

    Mood(List<String> cues) {
        this.cues = cues;
    }

    /** The mood with the most cue words in the narration; ties and none go to the style's mood. */
    public static Mood of(List<String> narrations, Style style) {
        String text = String.join(" ", narrations).toLowerCase(Locale.ROOT);
        Mood best = style == Style.STYLE_INK_WASH ? SERENE : style == Style.STYLE_PLANETARIUM ? MYSTERIOUS : SERENE;
        long bestCount = 0;
        for (Mood mood : values()) {
            long count = mood.cues.stream().mapToLong(cue -> occurrences(text, cue)).sum();
            if (count > bestCount) {
                best = mood;
                bestCount = count;
            }
        }
        return best;
    }

    private static long occurrences(String text, String cue) {
        long count = 0;
        for (int at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + cue.length())) {
            count++;
        }
        return count;
    }

    /** File-name prefix in a music folder, e.g. {@code tense-drums.mp3}. */
    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
