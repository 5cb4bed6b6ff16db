package io.starloom.enrichment.domain;

import io.starloom.proto.v1.Language;

/** The fixed words a prompt is put together with, in each prompt language. */
record PromptPhrases(String partSeparator, String listSeparator, String left, String right, String centre, String foreground,
        String inSky, String asTold, String meaning, String season, String nightSky, String open, String close) {

    private static final PromptPhrases ZH = new PromptPhrases("。", "，", "在画面左侧", "在画面右侧", "位于画面中央", "在前景，其余在后",
            "天空中是", "故事情节：", "寓意：", "时节：", "繁星点点的夜空", "「", "」");
    private static final PromptPhrases EN = new PromptPhrases(". ", ", ", "on the left", "on the right", "in the centre of the frame",
            "in the foreground, the others behind", "in the sky: ", "the scene as told: ", "the story's meaning: ", "season: ",
            "the starry night sky", "「", "」");

    static PromptPhrases of(Language language) {
        return language == Language.LANGUAGE_ZH ? ZH : EN;
    }
}
