package io.starloom.worker.backend;

import java.util.List;

/** One shot to render, in the model profile's native format. */
public record ShotRequest(String storyId, int shotIndex, int attempt, String prompt, String negativePrompt, long seed, int width,
        int height, int fps, int frames, List<String> constellations) {

    public ShotRequest {
        constellations = List.copyOf(constellations);
    }
}
