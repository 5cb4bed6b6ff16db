package io.starloom.worker.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.VideoFormat;

/**
 * What one model really makes per call, as read from a profile file ({@code profiles/<name>.json}): native
 * size and rate, frames per clip, the sizes it accepts, whether it takes a first frame, makes audio or several
 * shots, its sampling defaults (self-hosted), typical seconds per shot by hardware, and, when hosted, the model
 * name and protocol and the price per second.
 *
 * @param model the model a self-hosted server serves (informational; sent only when configured)
 * @param sizes accepted {@code WxH}, the native one first
 * @param secondsPerShot typical seconds of one shot by hardware name
 * @param hosted set for Model Studio models
 */
public record ProfileSpec(String name, String description, String model, int width, int height, int fps, int frames, List<String> sizes,
        boolean firstFrame, boolean audio, boolean multiShot, Integer steps, Double guidanceScale, Double guidanceScale2, Double flowShift,
        Map<String, Double> secondsPerShot, String typicalHardware, Double pricePerSecondUsd, Hosted hosted) {

    /**
     * A Model Studio model: its name, which protocol ({@code legacy}: size/duration, wan2.2 … 2.6; {@code media}:
     * media[] with resolution and ratio, wan2.7), the clip length, and optional settings.
     */
    public record Hosted(String model, String protocol, int duration, String resolution, String ratio, String shotType) {
        public boolean mediaProtocol() {
            return "media".equals(protocol);
        }
    }

    public ProfileSpec {
        sizes = sizes == null ? List.of(width + "x" + height) : List.copyOf(sizes);
        secondsPerShot = secondsPerShot == null ? Map.of() : Map.copyOf(secondsPerShot);
    }

    /** A profile for a local renderer that makes whatever format the command asks for (preview, sim, tests). */
    public static ProfileSpec local(String name, int width, int height, int fps, int frames) {
        return new ProfileSpec(name, "local", null, width, height, fps, frames, List.of(width + "x" + height), false, false, false, null,
                null, null, null, Map.of(), null, null, null);
    }

    public Optional<Hosted> hostedModel() {
        return Optional.ofNullable(hosted);
    }

    /** Seconds of video one clip holds. */
    public double clipSeconds() {
        return (double) frames / fps;
    }

    /**
     * Frames a produced clip may differ by from {@link #frames}: none for self-hosted models, which are asked
     * for an exact 4n+1 count; a quarter second for hosted ones, which are asked for a duration.
     */
    public int frameTolerance() {
        return hosted == null ? 0 : Math.max(1, fps / 4);
    }

    /** Whether the model accepts {@code width}x{@code height}. */
    public boolean accepts(int width, int height) {
        return sizes.contains(width + "x" + height);
    }

    /** The mesh's view of the profile, as the worker announces it. */
    public ModelProfile toProto() {
        ModelProfile.Builder profile = ModelProfile.newBuilder().setName(name)
                .setFormat(VideoFormat.newBuilder().setWidth(width).setHeight(height).setFps(fps))
                .setFrameCount(frames).setFirstFrame(firstFrame).setAudio(audio).setMultiShot(multiShot)
                .setPricePerSecondUsd(pricePerSecondUsd == null ? 0 : pricePerSecondUsd);
        if (typicalHardware != null && secondsPerShot.containsKey(typicalHardware)) {
            profile.setTypicalHardware(typicalHardware).setTypicalShotSeconds(secondsPerShot.get(typicalHardware));
        }
        return profile.build();
    }
}
