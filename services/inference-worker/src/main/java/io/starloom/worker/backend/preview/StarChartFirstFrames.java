package io.starloom.worker.backend.preview;

import java.io.ByteArrayOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import javax.imageio.ImageIO;

import io.starloom.worker.backend.FirstFrames;
import io.starloom.worker.media.EncoderSettings;

/** First frames for image-to-video profiles: the preview's star chart at the shot's start. */
public class StarChartFirstFrames {

    @Produces
    @ApplicationScoped
    FirstFrames starCharts(PreviewConfig config) {
        PreviewBackend charts = new PreviewBackend(ConstellationCatalog.load(), new EncoderSettings(config.preset(), config.crf()));
        return shot -> {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(charts.firstFrame(shot), "png", png);
            return png.toByteArray();
        };
    }
}
