package io.starloom.cli;

import com.google.protobuf.Timestamp;

import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.VideoFormat;

/** Stories as the server sends them, for tests. */
public final class Stories {
    /** 2026-01-01T00:00:00Z */
    public static final long CREATED = 1_767_225_600L;

    private Stories() {
    }

    /** A story of three shots, {@code generated} of them done, created at {@link #CREATED}. */
    public static Story.Builder story(String id, StoryState state, int percent, int generated) {
        Story.Builder story = Story.newBuilder().setId(id).setState(state).setProgressPercent(percent).setTitle("安德洛墨达")
                .setCreateTime(Timestamp.newBuilder().setSeconds(CREATED));
        for (int i = 0; i < 3; i++) {
            story.addShots(ShotStatus.newBuilder().setIndex(i).setAttempt(1).setNarration("第" + (i + 1) + "幕")
                    .setState(i < generated ? ShotState.SHOT_STATE_GENERATED : ShotState.SHOT_STATE_QUEUED));
        }
        return story;
    }

    public static Story completed(String id, long secondsAfterCreation) {
        return story(id, StoryState.STORY_STATE_COMPLETED, 100, 3)
                .setUpdateTime(Timestamp.newBuilder().setSeconds(CREATED + secondsAfterCreation))
                .setFilm(Film.newBuilder().setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(14).setNanos(200_000_000))
                        .setFormat(VideoFormat.newBuilder().setWidth(1280).setHeight(720).setFps(24)))
                .build();
    }

    public static Story failed(String id, String reason, String message) {
        return story(id, StoryState.STORY_STATE_FAILED, 40, 1)
                .setUpdateTime(Timestamp.newBuilder().setSeconds(CREATED + 30))
                .setFailure(Failure.newBuilder().setReason(reason).setMessage(message)).build();
    }
}
