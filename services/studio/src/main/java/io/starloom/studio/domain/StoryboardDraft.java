package io.starloom.studio.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * The storyboard being shaped: shots as cards, edited on the server (each button posts the whole board with its
 * action), so the editor works without script and from the keyboard. Submitted as the submission's
 * {@code storyboard}; the scheduler and enrichment check the edit (durations, prompts, IAU abbreviations).
 */
@TemplateData
public class StoryboardDraft {
    /** One card. Durations stay text until submitted: the scheduler, not the studio, says what is valid. */
    @TemplateData
    public record Shot(String prompt, String narration, String durationSeconds, String transitionOut, String constellations) {
        static Shot blank() {
            return new Shot("", "", "5", "cut", "");
        }
    }

    public final List<Shot> shots;

    public StoryboardDraft(List<Shot> shots) {
        this.shots = new ArrayList<>(shots);
    }

    /** The preview's answer {@code {storyboard: {shots: [...]}}}. */
    @SuppressWarnings("unchecked")
    public static StoryboardDraft fromPreview(Map<String, Object> preview) {
        Object board = preview.get("storyboard");
        Object shots = board instanceof Map<?, ?> map ? map.get("shots") : null;
        List<Shot> cards = new ArrayList<>();
        if (shots instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> shot) {
                    Map<String, Object> values = (Map<String, Object>) shot;
                    cards.add(new Shot(StoryForm.text(values.get("prompt")), StoryForm.text(values.get("narration")),
                            StoryForm.text(values.get("durationSeconds")), StoryForm.text(values.get("transitionOut")),
                            constellations(values.get("constellations"))));
                }
            }
        }
        return new StoryboardDraft(cards);
    }

    /** The posted cards: parallel lists, one entry per card. */
    public static StoryboardDraft fromForm(List<String> prompt, List<String> narration, List<String> duration,
            List<String> transition, List<String> constellations) {
        List<Shot> cards = new ArrayList<>();
        for (int i = 0; i < prompt.size(); i++) {
            cards.add(new Shot(prompt.get(i), at(narration, i), at(duration, i), at(transition, i), at(constellations, i)));
        }
        return new StoryboardDraft(cards);
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

    /** The submission's {@code storyboard}: shots in the order shown, numbered from 0. */
    public Map<String, Object> body() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("index", i);
            json.put("prompt", shot.prompt());
            json.put("narration", shot.narration());
            json.put("durationSeconds", number(shot.durationSeconds()));
            json.put("transitionOut", shot.transitionOut());
            json.put("constellations", Arrays.stream(shot.constellations().split(",")).map(String::strip)
                    .filter(name -> !name.isEmpty()).toList());
            list.add(json);
        }
        return Map.of("shots", list);
    }

    /** A number when it reads as one; otherwise the text, which the scheduler refuses naming the field. */
    private static Object number(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String constellations(Object value) {
        if (!(value instanceof List<?> list)) {
            return StoryForm.text(value);
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                Object name = map.containsKey("abbreviation") ? map.get("abbreviation") : map.get("name");
                names.add(StoryForm.text(name));
            } else {
                names.add(StoryForm.text(item));
            }
        }
        return String.join(", ", names);
    }

    private static String at(List<String> values, int index) {
        return values != null && index < values.size() ? values.get(index) : "";
    }
}
