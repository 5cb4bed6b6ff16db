package io.starloom.scheduler.api.rest;

import java.time.Instant;
import java.util.List;

import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.scheduler.domain.ApiNames;

/** The REST representation of a story: the contract's {@code Story} with short enum names and seconds. */
public record StoryJson(String id, String state, String title, String language, String style, String resolution,
        Instant createTime, Instant updateTime, int progressPercent, List<ShotJson> shots, FilmJson film, FailureJson failure,
        List<FindingJson> findings) {

    public record ShotJson(int index, String state, int attempt, String narration, double durationSeconds) {
    }

    public record FilmJson(double durationSeconds, int width, int height, int fps, String sha256) {
    }

    public record FailureJson(String reason, String message) {
    }

    public record FindingJson(String category, String term, int start, int end) {
    }

    static StoryJson of(Story story) {
        return new StoryJson(story.getId(), ApiNames.state(story.getState(), "STORY_STATE_"), story.getTitle(),
                story.getLanguage() == io.starloom.proto.v1.Language.LANGUAGE_UNSPECIFIED ? null : ApiNames.of(story.getLanguage(), "LANGUAGE_"),
                ApiNames.of(story.getStyle(), "STYLE_"),
                story.getResolution() == io.starloom.proto.v1.Resolution.RESOLUTION_UNSPECIFIED ? "720p"
                        : ApiNames.of(story.getResolution(), "RESOLUTION_"),
                instant(story.getCreateTime()), instant(story.getUpdateTime()), story.getProgressPercent(),
                story.getShotsList().stream().map(StoryJson::shot).toList(),
                story.hasFilm() ? film(story.getFilm()) : null,
                story.hasFailure() ? failure(story.getFailure()) : null,
                story.getFindingsList().stream().map(StoryJson::finding).toList());
    }

    private static ShotJson shot(ShotStatus shot) {
        return new ShotJson(shot.getIndex(), ApiNames.state(shot.getState(), "SHOT_STATE_"), shot.getAttempt(), shot.getNarration(),
                seconds(shot.getDuration()));
    }

    private static FilmJson film(Film film) {
        return new FilmJson(seconds(film.getDuration()), film.getFormat().getWidth(), film.getFormat().getHeight(), film.getFormat().getFps(),
                film.getSha256());
    }

    private static FailureJson failure(Failure failure) {
        return new FailureJson(failure.getReason(), failure.getMessage());
    }

    private static FindingJson finding(Finding finding) {
        return new FindingJson(ApiNames.of(finding.getCategory(), "CATEGORY_"), finding.getTerm(), finding.getStart(), finding.getEnd());
    }

    private static Instant instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static double seconds(com.google.protobuf.Duration d) {
        return d.getSeconds() + d.getNanos() / 1e9;
    }
}
