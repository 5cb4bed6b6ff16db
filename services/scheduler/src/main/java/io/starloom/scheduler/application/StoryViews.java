package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import io.starloom.contracts.Failures;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.mesh.v1.TextModerated;
import io.starloom.scheduler.domain.StoryStates;
import io.starloom.scheduler.persistence.ShotEntity;
import io.starloom.scheduler.persistence.StoryEntity;

/** The public view of a story (the contract's {@code Story}), built from what is stored. */
public final class StoryViews {
    private StoryViews() {
    }

    public static Story toStory(StoryEntity story, List<ShotEntity> shots) {
        List<ShotEntity> ordered = shots.stream().sorted(Comparator.comparingInt(s -> s.index)).toList();
        Story.Builder view = Story.newBuilder()
                .setId(story.id.toString())
                .setState(story.state)
                .setLanguage(story.language)
                .setStyle(story.style)
                .setResolution(story.resolution)
                .setCreateTime(timestamp(story.createdAt))
                .setUpdateTime(timestamp(story.updatedAt))
                .setProgressPercent(StoryStates.progressPercent(story.state, ordered.stream().map(s -> s.state).toList()));
        if (story.title != null) {
            view.setTitle(story.title);
        }
        for (ShotEntity shot : ordered) {
            view.addShots(ShotStatus.newBuilder().setIndex(shot.index).setState(shot.state).setAttempt(shot.attempt)
                    .setNarration(shot.narration).setDuration(duration(shot.durationMillis)));
        }
        if (story.film != null) {
            view.setFilm(parse(() -> Film.parseFrom(story.film)));
        }
        if (story.failureReason != null) {
            view.setFailure(Failure.newBuilder().setReason(story.failureReason).setDomain(Failures.domain("scheduler"))
                    .setMessage(story.failureMessage == null ? "" : story.failureMessage));
        }
        if (story.findings != null) {
            view.addAllFindings(parse(() -> TextModerated.parseFrom(story.findings)).getFindingsList());
        }
        return view.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Duration duration(long millis) {
        return Duration.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    static <T> T parse(Parser<T> parser) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored protobuf is unreadable", e);
        }
    }
}
