package io.starloom.enrichment.knowledge;

import java.util.List;

import io.starloom.proto.v1.Language;

/**
 * One thing of the sky or its myths that a story may mention.
 *
 * @param key stable id in the knowledge table, e.g. {@code cowherd}
 * @param kind what it is, which decides where a prompt mentions it
 * @param iau IAU constellation abbreviation it stands for ({@code "And"}), empty when none
 * @param names how stories name it, in any language
 * @param zh how a Chinese prompt describes it
 * @param en how an English prompt describes it
 */
public record SkyEntry(String key, Kind kind, String iau, List<String> names, String zh, String en) {

    public enum Kind {
        /** A constellation (or its brightest star): shown in the shot's sky, listed by its IAU abbreviation. */
        CONSTELLATION,
        /** A character of a myth, described so the model draws the right figure. */
        FIGURE,
        /** A visual element of one beat: the Milky Way, lightning, magpies. */
        MOTIF,
        /** A myth or festival that frames the whole story: every shot of a story that names it carries it. */
        SETTING
    }

    public String describe(Language language) {
        return language == Language.LANGUAGE_ZH ? zh : en;
    }

    public boolean hasIau() {
        return !iau.isEmpty();
    }
}
