package io.starloom.cli.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.protobuf.Timestamp;

import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Failure;
import io.starloom.proto.v1.Film;
import io.starloom.proto.v1.Finding;
import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.ShotStatus;
import io.starloom.proto.v1.Story;
import io.starloom.proto.v1.StoryState;

/** How stories read on the console: names, one-line rows, the full summary and the closing verdict. */
public final class StoryText {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StoryText() {
    }

    public static String state(Story story) {
        return ProtoNames.bare(story.getState());
    }

    public static boolean isFinal(Story story) {
        return switch (story.getState()) {
            case STORY_STATE_COMPLETED, STORY_STATE_REJECTED, STORY_STATE_FAILED, STORY_STATE_CANCELED -> true;
            default -> false;
        };
    }

    public static long shotsDone(Story story) {
        return story.getShotsList().stream()
                .filter(s -> s.getState() == ShotState.SHOT_STATE_GENERATED || s.getState() == ShotState.SHOT_STATE_SCREENED).count();
    }

    /** Time the story has been under way: until its last change once final, else until {@code now}. */
    public static Duration elapsed(Story story, Instant now) {
        if (!story.hasCreateTime()) {
            return Duration.ZERO;
        }
        Instant end = isFinal(story) && story.hasUpdateTime() ? instant(story.getUpdateTime()) : now;
        Duration elapsed = Duration.between(instant(story.getCreateTime()), end);
        return elapsed.isNegative() ? Duration.ZERO : elapsed; // the server's clock may be ahead of ours
    }

    /** "01:15", or "1:02:03" past an hour. */
    public static String clock(Duration elapsed) {
        return elapsed.toHours() > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", elapsed.toHours(), elapsed.toMinutesPart(), elapsed.toSecondsPart())
                : String.format(Locale.ROOT, "%02d:%02d", elapsed.toMinutesPart(), elapsed.toSecondsPart());
    }

    /** One row of {@code list}: id, state, progress, creation time, title. */
    public static String row(Story story, ZoneId zone) {
        return String.format(Locale.ROOT, "%-36s  %-10s %3d%%  %s  %s", story.getId(), state(story), story.getProgressPercent(),
                story.hasCreateTime() ? LOCAL_TIME.format(instant(story.getCreateTime()).atZone(zone)) : "-",
                story.getTitle());
    }

    /** Everything {@code get} shows, one fact per line. */
    public static List<String> summary(Story story, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add(field("id", story.getId()));
        lines.add(field("title", story.getTitle()));
        lines.add(field("state", state(story) + "  " + story.getProgressPercent() + "%"));
        lines.add(field("language", orDefault(shortName(story.getLanguage()), "detected")
                + "   style " + orDefault(shortName(story.getStyle()), "cinematic")
                + "   resolution " + orDefault(shortName(story.getResolution()), "720p")));
        if (story.hasCreateTime()) {
            lines.add(field("created", LOCAL_TIME.format(instant(story.getCreateTime()).atZone(zone))
                    + "   elapsed " + clock(elapsed(story, Instant.now()))));
        }
        String queue = queue(story, Instant.now());
        if (!queue.isEmpty()) {
            lines.add(field("queue", queue.strip()));
        }
        if (story.getShotsCount() > 0) {
            lines.add(field("shots", shotsDone(story) + "/" + story.getShotsCount() + " done"));
            story.getShotsList().forEach(shot -> lines.add(shotLine(shot)));
        }
        if (story.hasFilm()) {
            lines.add(field("film", film(story.getFilm())));
        }
        if (story.hasFailure() || story.getFindingsCount() > 0) {
            lines.add(field("why", verdict(story)));
        }
        return lines;
    }

    /**
     * Where a waiting story stands: "  12 shots ahead, eta 04:10" (shots of other stories before its next one, time
     * until its last shot should be rendered), empty when nothing waits and no estimate is known.
     */
    public static String queue(Story story, Instant now) {
        StringBuilder text = new StringBuilder();
        if (story.getQueuePosition() > 0) {
            text.append("  ").append(story.getQueuePosition()).append(story.getQueuePosition() == 1 ? " shot ahead" : " shots ahead");
        }
        if (story.hasGenerationEta() && !isFinal(story)) {
            Duration left = Duration.between(now, instant(story.getGenerationEta()));
            text.append(text.length() == 0 ? "  " : ", ").append("eta ").append(clock(left.isNegative() ? Duration.ZERO : left));
        }
        return text.toString();
    }

    /** "completed: …" for a film, else why the story ended without one, with each moderation finding. */
    public static String verdict(Story story) {
        if (story.getState() == StoryState.STORY_STATE_COMPLETED) {
            return "completed: " + story.getId() + (story.hasFilm() ? " (" + film(story.getFilm()) + ")" : "");
        }
        StringBuilder why = new StringBuilder(state(story).toLowerCase(Locale.ROOT));
        if (story.hasFailure()) {
            Failure failure = story.getFailure();
            why.append(": ").append(failure.getReason());
            if (!failure.getMessage().isBlank()) {
                why.append(" — ").append(failure.getMessage());
            }
        }
        // The same term found again in a prompt or narration line derived from the text says nothing new.
        story.getFindingsList().stream().map(StoryText::finding).distinct()
                .forEach(line -> why.append(System.lineSeparator()).append(line));
        return why.toString();
    }

    private static String finding(Finding finding) {
        return String.format(Locale.ROOT, "  %s: \"%s\" at %d–%d", shortName(finding.getCategory()), finding.getTerm(),
                finding.getStart(), finding.getEnd());
    }

    static String film(Film film) {
        double seconds = film.getDuration().getSeconds() + film.getDuration().getNanos() / 1e9;
        return String.format(Locale.ROOT, "%.1f s, %d×%d at %d fps", seconds, film.getFormat().getWidth(),
                film.getFormat().getHeight(), film.getFormat().getFps());
    }

    private static String shotLine(ShotStatus shot) {
        return String.format(Locale.ROOT, "  #%-3d %-10s attempt %d  %s", shot.getIndex(),
                ProtoNames.bare(shot.getState()), shot.getAttempt(), shot.getNarration());
    }

    private static String field(String name, String value) {
        return String.format(Locale.ROOT, "%-10s %s", name, value);
    }

    private static String orDefault(String name, String fallback) {
        return name.isEmpty() ? fallback : name;
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** "ink-wash" for STYLE_INK_WASH; "" for an unspecified value. */
    private static String shortName(com.google.protobuf.ProtocolMessageEnum value) {
        return ProtoNames.isSpecified(value) ? ProtoNames.shortName(value) : "";
    }
}
