package io.starloom.worker.backend.sim;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;

import io.starloom.worker.backend.ClipFacts;
import io.starloom.worker.backend.ShotRequest;
import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.media.ClipEncoder;
import io.starloom.worker.media.EncoderSettings;

/**
 * Load-test backend, never for real films: each shot takes the configured time, as a GPU would, and yields
 * a black clip in the requested format (a few KiB with libx264) so that everything downstream still runs.
 * The encoding happens inside that time, so a shot costs the configured time and little CPU.
 */
public class SimBackend implements VideoBackend {
    /** Its name in configuration ({@code starloom.worker.backend=sim}) and in events. */
    public static final String NAME = "sim";
    private static final EncoderSettings CHEAPEST = new EncoderSettings("ultrafast", 30);

    private final Duration renderTime;

    public SimBackend(Duration renderTime) {
        this.renderTime = renderTime;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClipFacts render(ShotRequest shot, Path target) throws Exception {
        long begin = System.nanoTime();
        BufferedImage black = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_INT_RGB);
        try (ClipEncoder encoder = new ClipEncoder(target, shot.width(), shot.height(), shot.fps(), CHEAPEST)) {
            for (int i = 0; i < shot.frames(); i++) {
                encoder.write(black);
            }
        }
        long left = renderTime.toMillis() - (System.nanoTime() - begin) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
        return new ClipFacts(shot.frames(), shot.fps(), shot.width(), shot.height(), (System.nanoTime() - begin) / 1_000_000);
    }
}
