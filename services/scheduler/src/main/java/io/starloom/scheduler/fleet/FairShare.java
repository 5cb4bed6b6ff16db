package io.starloom.scheduler.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import io.starloom.proto.v1.Priority;

/**
 * Which waiting shots of one profile go to the free GPUs next: strict priority classes (interactive, standard,
 * batch; a shot that waited a full {@code starvationAge} counts one class higher per period), and within a
 * class start-time fair queuing by tenant weight. Each tenant carries virtual seconds (charged cost / weight);
 * the one with the smallest start tag max(own virtual seconds, its class's clock) goes next and that clock moves
 * to the tag, so a tenant that was idle comes back level with the others instead of with banked credit. Each
 * class has its own clock: a preview's tag must not move the standard tenants' clock, or it would level them and
 * undo their weights. A tenant at its concurrent-shot limit is passed over. Pure: the dispatcher loads the state
 * and stores what comes out.
 */
public final class FairShare {
    /** A shot waiting for a GPU. */
    public record Candidate(UUID storyId, int shotIndex, String tenant, Priority priority, Instant queuedAt) {
    }

    /** What the pick needs to know of a tenant. */
    public record Share(double weight, int maxConcurrent) {
    }

    /** The picks in dispatch order, and the virtual times after them (clocks by class, see {@link #effectiveClass}). */
    public record Plan(List<Candidate> picks, Map<String, Double> virtualSeconds, Map<Integer, Double> clocks) {
    }

    private final Duration starvationAge;

    public FairShare(Duration starvationAge) {
        this.starvationAge = starvationAge;
    }

    /**
     * @param slots how many shots to pick at most
     * @param waiting shots that may go, any order
     * @param virtualSeconds each tenant's virtual seconds so far (absent: 0)
     * @param clocks the profile's virtual clock of each class (absent: 0)
     * @param shares weight and concurrency limit of a tenant
     * @param running shots of each tenant rendering now (absent: 0)
     * @param costSeconds what one shot is charged (the profile's seconds per shot)
     */
    public Plan pick(int slots, List<Candidate> waiting, Map<String, Double> virtualSeconds, Map<Integer, Double> clocks, Function<String, Share> shares,
            Map<String, Integer> running, double costSeconds, Instant now) {
        Map<String, Deque<Candidate>> queues = new TreeMap<>();
        waiting.stream().sorted(Comparator.comparingInt((Candidate c) -> effectiveClass(c, now)).thenComparing(Candidate::queuedAt)
                .thenComparing(Candidate::storyId).thenComparingInt(Candidate::shotIndex))
                .forEach(c -> queues.computeIfAbsent(c.tenant(), t -> new ArrayDeque<>()).add(c));
        Map<String, Double> virtual = new HashMap<>(virtualSeconds);
        Map<String, Integer> busy = new HashMap<>(running);
        List<Candidate> picks = new ArrayList<>();
        Map<Integer, Double> virtualNow = new HashMap<>(clocks);
        while (picks.size() < slots) {
            String next = null;
            int bestClass = Integer.MAX_VALUE;
            double bestStart = Double.MAX_VALUE;
            Candidate bestHead = null;
            for (Map.Entry<String, Deque<Candidate>> queue : queues.entrySet()) {
                String tenant = queue.getKey();
                if (queue.getValue().isEmpty() || busy.getOrDefault(tenant, 0) >= shares.apply(tenant).maxConcurrent()) {
                    continue;
                }
                Candidate head = queue.getValue().peekFirst();
                int rank = effectiveClass(head, now);
                double start = Math.max(virtual.getOrDefault(tenant, 0.0), virtualNow.getOrDefault(rank, 0.0));
                boolean better = rank < bestClass || rank == bestClass && (start < bestStart
                        || start == bestStart && head.queuedAt().isBefore(bestHead.queuedAt()));
                if (better) {
                    next = tenant;
                    bestClass = rank;
                    bestStart = start;
                    bestHead = head;
                }
            }
            if (next == null) {
                break;
            }
            picks.add(queues.get(next).pollFirst());
            virtualNow.put(bestClass, bestStart);
            virtual.put(next, bestStart + costSeconds / Math.max(shares.apply(next).weight(), 1e-9));
            busy.merge(next, 1, Integer::sum);
        }
        return new Plan(picks, virtual, virtualNow);
    }

    /** 0 interactive, 1 standard, 2 batch; one better per full starvation period waited, never below 0. */
    int effectiveClass(Candidate candidate, Instant now) {
        int rank = rank(candidate.priority());
        if (starvationAge.isZero() || starvationAge.isNegative()) {
            return rank;
        }
        long periods = Duration.between(candidate.queuedAt(), now).toMillis() / starvationAge.toMillis();
        return (int) Math.max(0, rank - Math.max(0, periods));
    }

    static int rank(Priority priority) {
        return switch (priority) {
            case PRIORITY_INTERACTIVE -> 0;
            case PRIORITY_BATCH -> 2;
            default -> 1;
        };
    }
}
