package io.starloom.scheduler.metrics;

import java.util.List;
import java.util.Map;

import io.starloom.scheduler.domain.ShotStatus;
import io.starloom.scheduler.domain.StoryStatus;

/**
 * The pipeline as the database shows it at one moment: what the gauges report until the next refresh.
 *
 * @param stories stories by status
 * @param shots shots of unfinished stories that wait or render, by profile and shot status
 * @param liveWorkers workers whose heartbeat still holds, by the profile they serve
 * @param busyWorkers workers rendering a shot now, by the profile of the shot's story
 * @param endings stories that ended without a film, by status, failure domain and reason (since the database began)
 * @param pendingCommands outbox rows not relayed yet, by destination queue
 */
record PipelineSnapshot(Map<StoryStatus, Long> stories, Map<String, Map<ShotStatus, Long>> shots, Map<String, Long> liveWorkers,
        Map<String, Long> busyWorkers, List<Ending> endings, Map<String, Long> pendingCommands) {

    /** How many stories ended in {@code status} for {@code reason}, decided by the service of {@code domain}. */
    record Ending(StoryStatus status, String domain, String reason, long count) {
    }
}
