package io.starloom.scheduler.fleet;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One profile's line as {@link ShotDispatcher} would send it at {@code takenAt}: for each story the places of
 * its first and last waiting shot, with the shots in flight and the live workers then. Every GetStory of a
 * story in that line is answered from it, instead of reading and ordering the line again.
 */
record QueueSnapshot(Instant takenAt, Map<UUID, int[]> places, int length, int inFlight, int workers, double perShot) {

    /** @param order the waiting shots in dispatch order */
    static QueueSnapshot of(Instant takenAt, List<FairShare.Candidate> order, int inFlight, int workers, double perShot) {
        Map<UUID, int[]> places = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            int place = i;
            places.compute(order.get(i).storyId(), (story, firstAndLast) -> firstAndLast == null ? new int[] {place, place}
                    : new int[] {firstAndLast[0], place});
        }
        return new QueueSnapshot(takenAt, places, order.size(), inFlight, workers, perShot);
    }

    boolean contains(UUID story) {
        return places.containsKey(story);
    }

    /** Shots of other stories ahead of the story's next one; {@code beyond} when it is not in the line read. */
    int position(UUID story, int beyond) {
        int[] firstAndLast = places.get(story);
        return firstAndLast == null ? beyond : firstAndLast[0];
    }

    /**
     * When the story's last waiting shot should be done: the shots in flight and those ahead of it, in rounds of
     * the live workers, each the profile's seconds per shot; null without workers, timing or a place in line.
     */
    Instant eta(UUID story) {
        int[] firstAndLast = places.get(story);
        if (workers <= 0 || perShot <= 0 || firstAndLast == null) {
            return null;
        }
        return takenAt.plusMillis((long) (Math.ceil((inFlight + firstAndLast[1] + 1) / (double) workers) * perShot * 1000));
    }
}
