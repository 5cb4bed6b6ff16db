package io.starloom.worker.backend;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Load-test backend: takes as long as configured, as a GPU would, then writes a short dark clip in the
 * requested format so everything downstream still runs. Never for real films.
 */
public class SimBackend implements VideoBackend {
    private final Duration renderTime;

    public SimBackend(Duration renderTime) {
        this.renderTime = renderTime;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public RenderedClip render(ShotRequest shot, Path target) throws Exception {
        long begin = System.nanoTime();
        Thread.sleep(renderTime.toMillis());
        BufferedImage frame = new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_3BYTE_BGR);
        try (ClipEncoder encoder = new ClipEncoder(target, shot.width(), shot.height(), shot.fps(), "ultrafast")) {
            for (int i = 0; i < shot.frames(); i++) {
                Graphics2D g = frame.createGraphics();
                g.setColor(new Color(8, 12, 32));
                g.fillRect(0, 0, shot.width(), shot.height());
                g.dispose();
                encoder.add(frame);
            }
        }
        return new RenderedClip(shot.frames(), (System.nanoTime() - begin) / 1_000_000);
    }
}
