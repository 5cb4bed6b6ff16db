package io.starloom.enrichment.domain;

import io.starloom.proto.v1.Language;

/** The fixed wording around a prompt's sections, in each story language. */
record PromptPhrases(String scene, String figures, String details, String sky, String skyEnd, String setting,
        String camera, String lighting, String itemSeparator, String listSeparator, String sentenceEnd) {

    private static final PromptPhrases ZH = new PromptPhrases("画面：", "人物：", "细节：", "星空：", "的星象清晰可辨",
            "故事背景：", "镜头：", "光线：", "；", "、", "。");
    private static final PromptPhrases EN = new PromptPhrases("Scene: ", "Figures: ", "Details: ",
            "Sky: the star figures of ", " clearly visible", "Setting: ", "Camera: ", "Lighting: ", "; ", ", ", ". ");

    static PromptPhrases of(Language language) {
        return language == Language.LANGUAGE_ZH ? ZH : EN;
    }
}
