package io.starloom.scheduler.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transition table of a story: which status may follow which. Built from the {@link Stage}s, so a new
 * stage brings its transitions with it: a stage's statuses follow one another in order, each may go on
 * to the next stage's entry (COMPLETED after the last stage) or to the stage's exits, and every story
 * that is not final may fail or be canceled. A story a stage paused IN_REVIEW may go on where that stage
 * would have sent it (a reviewer approved) or be REJECTED.
 */
public final class StoryLifecycle {
    private static final Map<StoryStatus, Set<StoryStatus>> NEXT = table();

    private StoryLifecycle() {
    }

    public static boolean allows(StoryStatus from, StoryStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** The statuses a story in {@code from} may move to; none for final ones. */
    public static Set<StoryStatus> next(StoryStatus from) {
        return NEXT.get(from);
    }

    /** @throws IllegalStateException when the table has no such transition */
    public static void check(StoryStatus from, StoryStatus to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("a story cannot move from " + from + " to " + to + "; from " + from + " it may move to "
                    + (NEXT.get(from).isEmpty() ? "nothing" : NEXT.get(from).toString()));
        }
    }

    private static Map<StoryStatus, Set<StoryStatus>> table() {
        Map<StoryStatus, Set<StoryStatus>> next = new EnumMap<>(StoryStatus.class);
        for (StoryStatus status : StoryStatus.values()) {
            next.put(status, status.isFinal() ? EnumSet.noneOf(StoryStatus.class) : EnumSet.of(StoryStatus.FAILED, StoryStatus.CANCELED));
        }
        for (Stage stage : Stage.values()) {
            List<StoryStatus> own = stage.statuses();
            StoryStatus onward = stage.next().map(Stage::entry).orElse(StoryStatus.COMPLETED);
            for (int i = 0; i < own.size(); i++) {
                Set<StoryStatus> from = next.get(own.get(i));
                from.addAll(own.subList(i + 1, own.size()));
                from.add(onward);
                from.addAll(stage.exits());
            }
            // A story paused IN_REVIEW by this stage goes on where the stage would have sent it, or is rejected.
            if (stage.exits().contains(StoryStatus.IN_REVIEW)) {
                next.get(StoryStatus.IN_REVIEW).add(onward);
                next.get(StoryStatus.IN_REVIEW).add(StoryStatus.REJECTED);
            }
        }
        next.replaceAll((status, to) -> Collections.unmodifiableSet(to));
        return Collections.unmodifiableMap(next);
    }
}
