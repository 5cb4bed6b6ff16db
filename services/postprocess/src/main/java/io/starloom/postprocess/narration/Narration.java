package io.starloom.postprocess.narration;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The speech of one shot.
 *
 * @param audio the stored audio; empty when no engine could speak and the policy allows silence
 * @param engine the engine that spoke, or {@code silence}
 * @param voice the voice it spoke with; empty when silent
 * @param note why a fallback spoke or nothing did; empty when the configured engine spoke
 */
public record Narration(Optional<Path> audio, String engine, String voice, String note) {

    static Narration silent(String why) {
        return new Narration(Optional.empty(), NarrationPolicy.SILENCE, "", why);
    }
}
