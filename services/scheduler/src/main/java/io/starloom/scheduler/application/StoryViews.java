package io.starloom.scheduler.application;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;

import io.starloom.mesh.v1.TextModerated;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.GenerationEstimate;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.domain.StoryProgress;
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
                .setState(StateMapping.toProto(story.state))
                .setLanguage(story.language)
                .setRequireReview(story.requireReview)
                .setStyle(story.style)
                .setResolution(story.resolution)
                .setVoice(story.filmOptions().voice())
                .setAspectRatio(story.filmOptions().aspectRatio())
                .setBurnInSubtitles(story.filmOptions().burnInSubtitles())
                .setPriority(story.priority)
                .setTranslationLanguage(story.translationLanguage)
                .setCreateTime(timestamp(story.createdAt))
                .setUpdateTime(timestamp(story.updatedAt))
                .setProgressPercent(StoryProgress.percent(story.state, ordered.stream().map(s -> s.state).toList()));
        if (story.title != null) {
            view.setTitle(story.title);
        }
        if (story.profile != null) {
            view.setProfile(story.profile);
        }
        if (story.estimate != null) {
            view.setEstimate(parse(() -> GenerationEstimate.parseFrom(story.estimate)));
        }
        for (ShotEntity shot : ordered) {
            ShotStatus.Builder status = ShotStatus.newBuilder().setIndex(shot.index).setState(StateMapping.toProto(shot.state))
                    .setAttempt(shot.attempt).setNarration(shot.narration).setDuration(Durations.fromMillis(shot.durationMillis));
            if (shot.clipUri != null) {
                status.setThumbnailUri(ShotThumbnails.path(story.id.toString(), shot.index));
            }
            view.addShots(status);
        }
        if (story.film != null) {
            view.setFilm(parse(() -> Film.parseFrom(story.film)));
        }
        if (story.failureReason != null) {
            view.setFailure(story.failure());
        }
        if (story.findings != null) {
            view.addAllFindings(parse(() -> TextModerated.parseFrom(story.findings)).getFindingsList());
        }
        return view.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
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
