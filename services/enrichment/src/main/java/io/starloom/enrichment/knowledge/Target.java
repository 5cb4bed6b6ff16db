package io.starloom.enrichment.knowledge;

/**
 * What a recognised name stands for.
 *
 * @param id figure, myth or keyword id; IAU abbreviation; Chinese asterism name; Hipparcos number
 */
public record Target(Kind kind, String id) {

    public enum Kind {
        /** A figure of the myth library (and its character bible entry). */
        FIGURE,
        /** A myth, named or called up by a cue. */
        MYTH,
        /** One of the 88 IAU constellations. */
        CONSTELLATION,
        /** A Chinese asterism, mansion or enclosure. */
        ASTERISM,
        /** A single star. */
        STAR,
        /** An entry of the keyword library. */
        KEYWORD
    }
}
