package io.starloom.scheduler.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.scheduler.config.SchedulerConfig;

/**
 * The pre-flight estimate of a story's generation, from its shot count and the profile's figures (typical
 * seconds per shot on its reference hardware, price per second of video when hosted), and the caps that
 * refuse a story before any GPU second or paid call is spent on it.
 */
final class GenerationEstimates {
    private GenerationEstimates() {
    }

    static GenerationEstimate of(ModelProfile profile, int shots) {
        double clipSeconds = (double) profile.getFrameCount() / Math.max(1, profile.getFormat().getFps());
        double videoSeconds = round(shots * clipSeconds);
        return GenerationEstimate.newBuilder().setShots(shots).setVideoSeconds(videoSeconds)
                .setRenderSeconds(round(shots * profile.getTypicalShotSeconds())).setTypicalHardware(profile.getTypicalHardware())
                .setPriceUsd(round(videoSeconds * profile.getPricePerSecondUsd())).build();
    }

    /** Why the estimate is over a configured cap, if it is. */
    static Optional<Failure> overCap(GenerationEstimate estimate, SchedulerConfig.Generation caps) {
        List<String> over = new ArrayList<>();
        caps.maxStoryPriceUsd().filter(cap -> estimate.getPriceUsd() > cap)
                .ifPresent(cap -> over.add(String.format("US$%.2f is over the cap of US$%.2f", estimate.getPriceUsd(), cap)));
        caps.maxStoryRenderSeconds().filter(cap -> estimate.getRenderSeconds() > cap)
                .ifPresent(cap -> over.add(String.format("%.0f render seconds are over the cap of %.0f", estimate.getRenderSeconds(), cap)));
        if (over.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SchedulerFailure.COST_CAP_EXCEEDED.because("the story's " + estimate.getShots() + " shots would cost too much: "
                + String.join("; ", over), Map.of("price_usd", String.valueOf(estimate.getPriceUsd()), "render_seconds",
                        String.valueOf(estimate.getRenderSeconds()), "shots", String.valueOf(estimate.getShots()))));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
