package io.starloom.worker.backend;

import java.util.List;

import io.starloom.worker.profile.ProfileSpec;

/**
 * One shot to render, in the model profile's native format.
 *
 * @param profile what the model makes and its parameters
 * @param control cancellation and the remote task of this attempt
 */
public record ShotRequest(String storyId, int shotIndex, int attempt, String prompt, String negativePrompt, long seed, int width,
        int height, int fps, int frames, List<String> constellations, ProfileSpec profile, ShotControl control) {

    public ShotRequest {
        constellations = List.copyOf(constellations);
    }

    /** A shot for a local renderer: its own format is its profile, nothing to cancel or resume. */
    public ShotRequest(String storyId, int shotIndex, int attempt, String prompt, String negativePrompt, long seed, int width, int height,
            int fps, int frames, List<String> constellations) {
        this(storyId, shotIndex, attempt, prompt, negativePrompt, seed, width, height, fps, frames, constellations,
                ProfileSpec.local("local", width, height, fps, frames), ShotControl.NONE);
    }

    /** Story, shot and attempt, e.g. for a remote task's own id or for logs. */
    public String key() {
        return storyId + "-s" + shotIndex + "-a" + attempt;
    }
}
