package io.starloom.postprocess.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.starloom.postprocess.media.FfmpegTool;
import io.starloom.postprocess.media.MediaToolException;

/**
 * Ready only when the bundled FFmpeg really starts on this machine: a pod without Debian's libpulse0
 * would take film commands and fail every one. The first check unpacks the executables (about a second);
 * synchronous checks run on a worker thread.
 */
@Readiness
@ApplicationScoped
public class FfmpegReadinessCheck implements HealthCheck {
    private final FfmpegTool tool;

    public FfmpegReadinessCheck(FfmpegTool tool) {
        this.tool = tool;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            tool.verify();
            return HealthCheckResponse.up("ffmpeg");
        } catch (MediaToolException e) {
            return HealthCheckResponse.named("ffmpeg").down().withData("error", e.getMessage()).build();
        }
    }
}
