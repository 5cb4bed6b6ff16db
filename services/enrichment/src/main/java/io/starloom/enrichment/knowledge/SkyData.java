package io.starloom.enrichment.knowledge;

import java.util.List;

/** The shapes of the derived sky files in {@code knowledge/sky/} (see tools/sky-data/derive.mjs). */
public final class SkyData {

    private SkyData() {
    }

    /** A star: Hipparcos number, J2000 position in degrees, magnitude, B−V and its names. */
    public record Star(int hip, double ra, double dec, Double mag, Double bv, String name, String bayer, String zh,
            String zhAlt, String pinyin, String iau) {

        /** The name a storyboard shows: Chinese or proper name, else the Bayer designation. */
        public String label(boolean chinese) {
            if (chinese && zh != null) {
                return zh;
            }
            return name != null ? name : bayer != null ? bayer : zh != null ? zh : "";
        }
    }

    /** One of the 88 IAU constellations and its line figure ({@code lines}: pairs of indices into {@code stars}). */
    public record Constellation(String iau, String la, String en, String zh, String genitive, List<Star> stars, List<int[]> lines) {
    }

    /** A Chinese asterism (group: mansion, enclosure or asterism) and its line figure. */
    public record Asterism(String id, String zh, String en, String pinyin, String group, String enclosure, Integer mansion,
            List<Star> stars, List<int[]> lines) {
    }

    public record Constellations(String source, String licence, List<Constellation> constellations) {
    }

    public record Asterisms(String source, String licence, List<Asterism> asterisms) {
    }

    public record Stars(String source, String licence, List<Star> stars) {
    }

    public record MilkyWay(String source, String licence, List<List<double[]>> rings) {
    }
}
