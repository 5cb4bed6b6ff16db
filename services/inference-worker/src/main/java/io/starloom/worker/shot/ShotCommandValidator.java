package io.starloom.worker.shot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.starloom.mesh.v1.GenerateShotCommand;
import io.starloom.proto.v1.VideoFormat;
import io.starloom.worker.config.WorkerConfig;

/** Refuses commands no attempt could ever render: they fail at once instead of going round the retries. */
@ApplicationScoped
public class ShotCommandValidator {
    private final int maxDimension;
    private final int maxFrames;

    @Inject
    public ShotCommandValidator(WorkerConfig config) {
        this(config.worker().maxDimension(), config.worker().maxFrames());
    }

    public ShotCommandValidator(int maxDimension, int maxFrames) {
        this.maxDimension = maxDimension;
        this.maxFrames = maxFrames;
    }

    /** What is wrong with {@code command}, every problem in one sentence; empty when it can be rendered. */
    public Optional<String> problems(GenerateShotCommand command) {
        List<String> problems = new ArrayList<>();
        try {
            // The story id names a directory of the media store: only a UUID can never leave it.
            UUID.fromString(command.getStoryId());
        } catch (IllegalArgumentException e) {
            problems.add("story_id '" + command.getStoryId() + "' is not a UUID");
        }
        if (command.getShotIndex() < 0) {
            problems.add("shot_index " + command.getShotIndex() + " is negative");
        }
        if (command.getAttempt() < 1) {
            problems.add("attempt " + command.getAttempt() + " is below 1");
        }
        VideoFormat format = command.getProfile().getFormat();
        if (!dimensionOk(format.getWidth()) || !dimensionOk(format.getHeight())) {
            problems.add("profile.format " + format.getWidth() + "x" + format.getHeight() + " is not an even size from 16 to "
                    + maxDimension);
        }
        if (format.getFps() < 1 || format.getFps() > 120) {
            problems.add("profile.format.fps " + format.getFps() + " is outside 1..120");
        }
        int frames = command.getProfile().getFrameCount();
        if (frames < 1 || frames > maxFrames) {
            problems.add("profile.frame_count " + frames + " is outside 1.." + maxFrames);
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private boolean dimensionOk(int pixels) {
        return pixels >= 16 && pixels <= maxDimension && pixels % 2 == 0;
    }
}
