package io.starloom.moderation.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Language;

/** Why a finding was made, in words a person reads, in the story's language. */
final class Reasons {
    private static final Map<Category, String[]> NAMES = new EnumMap<>(Category.class);

    static {
        NAMES.put(Category.CATEGORY_SEXUAL, new String[] { "sexual content", "色情内容" });
        NAMES.put(Category.CATEGORY_SEXUAL_MINORS, new String[] { "sexual content involving minors", "涉及未成年人的性内容" });
        NAMES.put(Category.CATEGORY_VIOLENCE_GRAPHIC, new String[] { "graphic violence or gore", "血腥暴力画面" });
        NAMES.put(Category.CATEGORY_SELF_HARM, new String[] { "self-harm", "自我伤害" });
        NAMES.put(Category.CATEGORY_HATE, new String[] { "hate speech", "仇恨言论" });
        NAMES.put(Category.CATEGORY_ILLICIT, new String[] { "illegal activity", "违法活动" });
        NAMES.put(Category.CATEGORY_VIOLENCE, new String[] { "violence", "暴力情节" });
        NAMES.put(Category.CATEGORY_HARASSMENT, new String[] { "harassment", "骚扰或辱骂" });
        NAMES.put(Category.CATEGORY_SELF_HARM_INSTRUCTIONS, new String[] { "instructions for self-harm", "自我伤害的方法" });
        NAMES.put(Category.CATEGORY_PROMPT_INJECTION, new String[] { "an attempt to override the pipeline's instructions (prompt injection)",
                "试图篡改系统指令（提示词注入）" });
        NAMES.put(Category.CATEGORY_NUDITY, new String[] { "nudity", "裸体内容" });
    }

    private Reasons() {
    }

    /** Chinese when the story is Chinese, or unspecified and written mostly in Chinese characters. */
    static boolean chinese(Language language, String text) {
        if (language == Language.LANGUAGE_ZH) {
            return true;
        }
        if (language == Language.LANGUAGE_EN) {
            return false;
        }
        long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters > 0 && han * 3 >= letters;
    }

    static String of(Category category, List<String> terms, String label, boolean chinese) {
        String[] names = NAMES.getOrDefault(category, new String[] { "content that is not allowed", "不允许的内容" });
        if (chinese) {
            String quoted = terms.stream().map(t -> "“" + t + "”").collect(Collectors.joining("与"));
            return names[1] + "：" + where(label, true) + (terms.size() > 1 ? "同一句中出现" : "出现") + quoted;
        }
        String quoted = terms.stream().map(t -> "“" + t + "”").collect(Collectors.joining(" with "));
        return names[0] + ": " + where(label, false) + quoted + (terms.size() > 1 ? " in one sentence" : "");
    }

    private static String where(String label, boolean chinese) {
        if (label == null || label.isBlank()) {
            return "";
        }
        return chinese ? label + "中" : "in the " + label + ", ";
    }
}
