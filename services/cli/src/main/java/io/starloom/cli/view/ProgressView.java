package io.starloom.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.starloom.proto.v1.Story;

/**
 * A story's progress while it is watched. On a terminal: one bar redrawn in place (and every second, so the
 * elapsed time moves while a shot renders). Elsewhere (files, pipes, CI): one plain line per change.
 */
public final class ProgressView implements AutoCloseable {
    private static final int BAR_WIDTH = 30;
    private static final String ERASE_TO_END_OF_LINE = "\u001b[K";

    private final PrintWriter out;
    private final boolean terminal;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private Story last;
    private String lastChange = "";
    private boolean estimateShown;

    public ProgressView(PrintWriter out, boolean terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress-ticker");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        }
    }

    public synchronized void show(Story story) {
        if (!estimateShown && story.hasEstimate()) {
            // Once, before the first shot is rendered: what the run will take and, on a hosted model, cost.
            estimateShown = true;
            out.println((terminal ? "\r" + ERASE_TO_END_OF_LINE : "") + estimate(story));
            out.flush();
        }
        last = story;
        if (terminal) {
            draw(story);
            return;
        }
        String change = change(story);
        if (!change.equals(lastChange)) {
            lastChange = change;
            out.println(clockText(story) + "  " + change);
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (terminal && last != null) {
            out.println();
            out.flush();
        }
        last = null;
    }

    /** E.g. {@code estimate: 3 shots of wan2.6-t2v-720p, 15.0 s of video, ~360 s rendering (hosted), US$1.50}. */
    static String estimate(Story story) {
        var estimate = story.getEstimate();
        String text = String.format("estimate: %d shots of %s, %.1f s of video, ~%.0f s rendering (%s)", estimate.getShots(), story.getProfile(),
                estimate.getVideoSeconds(), estimate.getRenderSeconds(), estimate.getTypicalHardware().isBlank() ? "unknown hardware"
                        : estimate.getTypicalHardware());
        return estimate.getPriceUsd() > 0 ? text + String.format(", US$%.2f", estimate.getPriceUsd()) : text;
    }

    /** The terminal line: {@code [#########.....]  52%  GENERATING  shots 3/6  01:15  4 shots ahead, eta 03:20}. */
    static String bar(Story story, Duration elapsed) {
        int percent = Math.max(0, Math.min(100, story.getProgressPercent()));
        int filled = percent * BAR_WIDTH / 100;
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %-10s%s  %s%s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), percent,
                StoryText.state(story), shots(story), StoryText.clock(elapsed), StoryText.queue(story, Instant.now()));
    }

    /** What counts as a change worth a plain line: state, percent, shots and place in line, not the clocks. */
    static String change(Story story) {
        String ahead = story.getQueuePosition() > 0 ? "  " + story.getQueuePosition() + " ahead" : "";
        return String.format(Locale.ROOT, "%-10s %3d%%%s%s", StoryText.state(story), story.getProgressPercent(), shots(story), ahead);
    }

    private synchronized void redraw() {
        if (last != null) {
            draw(last);
        }
    }

    private void draw(Story story) {
        out.print("\r" + bar(story, StoryText.elapsed(story, clock.instant())) + ERASE_TO_END_OF_LINE);
        out.flush();
    }

    private String clockText(Story story) {
        return StoryText.clock(StoryText.elapsed(story, clock.instant()));
    }

    private static String shots(Story story) {
        return story.getShotsCount() == 0 ? "" : "  shots " + StoryText.shotsDone(story) + "/" + story.getShotsCount();
    }
}
