package io.starloom.enrichment.knowledge;

import java.util.List;

/**
 * What enrichment knows about the sky and its myths. Today a small starter table
 * ({@link StarterSkyKnowledge}); roadmap item 1 puts the full knowledge base (all 88 IAU
 * constellations, the Chinese sky, 30+ Greek and Chinese myths) behind this same interface.
 */
public interface SkyKnowledge {

    /** The entries {@code text} mentions, each once, in order of first mention. */
    List<SkyEntry> recognise(String text);
}
