package io.starloom.studio.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * The storyboard being shaped: shots as cards, edited on the server (each button posts the whole board with its
 * action), so the editor works without script and from the keyboard. It reads and writes the scheduler's form of a
 * storyboard, {@code starloom.v1.Storyboard} in the proto3 JSON mapping (as {@code POST /v1/storyboards:preview} and
 * {@code GET /v1/stories/{id}/storyboard} answer): durations such as {@code "4.500s"}, transitions such as
 * {@code TRANSITION_FADE_BLACK}, constellations as IAU abbreviations, fields at their default left out. It is
 * submitted as the submission's {@code storyboard}; the scheduler and enrichment check the edit.
 */
@TemplateData
public class StoryboardDraft {
    /** The transitions a card offers, as {@code Transition} names without their prefix; the first is the default. */
    public static final List<String> TRANSITIONS = List.of("crossfade", "cut", "fade-black", "dip-white", "slide");

    /**
     * One card. Durations stay text until submitted: the scheduler, not the studio, says what is valid. The beat
     * (the chapter's title) and the seed are carried unchanged; what enrichment derives from the prompt and the
     * constellations (prompt parts, the sky) is left out, so that it is derived again from the edit.
     */
    @TemplateData
    public record Shot(String prompt, String narration, String durationSeconds, String transition, String constellations,
            String beat, String seed) {
        static Shot blank() {
            return new Shot("", "", "5", TRANSITIONS.get(0), "", "", "");
        }
    }

    /** What the whole board shares, carried through the editor unchanged. */
    @TemplateData
    public record Board(String style, String language, String title, String negativePrompt) {
    }

    public final Board board;
    public final List<Shot> shots;

    public StoryboardDraft(Board board, List<Shot> shots) {
        this.board = board;
        this.shots = new ArrayList<>(shots);
    }

    /** The preview's answer: the storyboard itself. */
    public static StoryboardDraft fromPreview(Map<String, Object> storyboard) {
        List<Shot> cards = new ArrayList<>();
        if (storyboard.get("shots") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> shot) {
                    cards.add(new Shot(text(shot.get("prompt")), text(shot.get("narration")), seconds(text(shot.get("duration"))),
                            transition(text(shot.get("transitionOut"))), constellations(shot.get("constellations")),
                            text(shot.get("beat")), text(shot.get("seed"))));
                }
            }
        }
        return new StoryboardDraft(new Board(text(storyboard.get("style")), text(storyboard.get("language")), text(storyboard.get("title")),
                text(storyboard.get("negativePrompt"))), cards);
    }

    /** The posted cards: parallel lists, one entry per card. */
    public static StoryboardDraft fromForm(Board board, List<String> prompt, List<String> narration, List<String> duration,
            List<String> transition, List<String> constellations, List<String> beat, List<String> seed) {
        List<Shot> cards = new ArrayList<>();
        for (int i = 0; prompt != null && i < prompt.size(); i++) {
            cards.add(new Shot(prompt.get(i), at(narration, i), at(duration, i), at(transition, i), at(constellations, i), at(beat, i),
                    at(seed, i)));
        }
        return new StoryboardDraft(board, cards);
    }

    /**
     * Applies an editing action: {@code up-N}, {@code down-N}, {@code delete-N}, {@code add}; anything else leaves the
     * board as it is. Returns whether it changed.
     */
    public boolean apply(String action) {
        if ("add".equals(action)) {
            shots.add(Shot.blank());
            return true;
        }
        int dash = action == null ? -1 : action.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        int index;
        try {
            index = Integer.parseInt(action.substring(dash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (index < 0 || index >= shots.size()) {
            return false;
        }
        switch (action.substring(0, dash)) {
            case "up" -> {
                if (index == 0) {
                    return false;
                }
                shots.add(index - 1, shots.remove(index));
            }
            case "down" -> {
                if (index == shots.size() - 1) {
                    return false;
                }
                shots.add(index + 1, shots.remove(index));
            }
            case "delete" -> shots.remove(index);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The submission's {@code storyboard}, in the preview's form: shots in the order shown, numbered from 0. */
    public Map<String, Object> body() {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfPresent(json, "language", board.language());
        putIfPresent(json, "style", board.style());
        putIfPresent(json, "title", board.title());
        putIfPresent(json, "negativePrompt", board.negativePrompt());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            item.put("prompt", shot.prompt());
            item.put("narration", shot.narration());
            item.put("duration", duration(shot.durationSeconds()));
            item.put("transitionOut", "TRANSITION_" + (shot.transition().isBlank() ? TRANSITIONS.get(0) : shot.transition())
                    .strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            item.put("constellations", Arrays.stream(shot.constellations().split("[,，\\s]+")).map(String::strip)
                    .filter(name -> !name.isEmpty()).toList());
            putIfPresent(item, "beat", shot.beat());
            putIfPresent(item, "seed", shot.seed());
            list.add(item);
        }
        json.put("shots", list);
        return json;
    }

    /** {@code "4.500s"} as {@code "4.5"}; anything else as it came. */
    static String seconds(String duration) {
        if (duration.endsWith("s")) {
            try {
                return new BigDecimal(duration.substring(0, duration.length() - 1)).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return duration;
            }
        }
        return duration;
    }

    /** Seconds as a proto Duration ({@code "4.5s"}) when they read as a number; otherwise the text, refused by the scheduler naming the field. */
    private static String duration(String seconds) {
        try {
            return new BigDecimal(seconds.strip()).stripTrailingZeros().toPlainString() + "s";
        } catch (NumberFormatException e) {
            return seconds;
        }
    }

    /** {@code TRANSITION_FADE_BLACK} as {@code fade-black}; absent (UNSPECIFIED) is the default, a crossfade. */
    static String transition(String name) {
        String bare = name.startsWith("TRANSITION_") ? name.substring("TRANSITION_".length()) : name;
        if (bare.isBlank() || bare.equals("UNSPECIFIED")) {
            return TRANSITIONS.get(0);
        }
        return bare.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String constellations(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(StoryboardDraft::text).toList());
        }
        return text(value);
    }

    private static void putIfPresent(Map<String, Object> json, String name, String value) {
        if (value != null && !value.isBlank()) {
            json.put(name, value);
        }
    }

    private static String text(Object value) {
        return StoryForm.text(value);
    }

    private static String at(List<String> values, int index) {
        return values != null && index < values.size() && values.get(index) != null ? values.get(index) : "";
    }
}
