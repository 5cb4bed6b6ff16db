package io.starloom.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.starloom.proto.v1.Priority;

class FairShareTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Function<String, FairShare.Share> EQUAL = tenant -> new FairShare.Share(1, Integer.MAX_VALUE);
    private final FairShare fair = new FairShare(Duration.ofMinutes(10));

    @Test
    void aTenantWithFiveShotsIsNotStarvedByOneWithFiveHundred() {
        List<FairShare.Candidate> waiting = new ArrayList<>(shots("big", 500, Priority.PRIORITY_STANDARD, NOW.minusSeconds(60)));
        waiting.addAll(shots("small", 5, Priority.PRIORITY_STANDARD, NOW));
        List<String> order = tenants(fair.pick(10, waiting, Map.of(), Map.of(), EQUAL, Map.of(), 10, NOW));
        assertThat(order).containsExactly("big", "small", "big", "small", "big", "small", "big", "small", "big", "small");
    }

    @Test
    void sharesFollowTheWeights() {
        Map<String, Double> weights = Map.of("w1", 1.0, "w2", 2.0, "w4", 4.0);
        List<FairShare.Candidate> waiting = new ArrayList<>();
        weights.keySet().forEach(tenant -> waiting.addAll(shots(tenant, 1000, Priority.PRIORITY_STANDARD, NOW)));
        List<String> order = tenants(fair.pick(700, waiting, Map.of(), Map.of(), t -> new FairShare.Share(weights.get(t), Integer.MAX_VALUE),
                Map.of(), 10, NOW));
        Map<String, Long> counts = count(order);
        assertThat(counts.get("w1")).isBetween(99L, 101L);
        assertThat(counts.get("w2")).isBetween(199L, 201L);
        assertThat(counts.get("w4")).isBetween(399L, 401L);
    }

    @Test
    void interactiveGoesBeforeStandardAndBatchLast() {
        List<FairShare.Candidate> waiting = new ArrayList<>(shots("batch", 3, Priority.PRIORITY_BATCH, NOW.minusSeconds(300)));
        waiting.addAll(shots("films", 3, Priority.PRIORITY_STANDARD, NOW.minusSeconds(200)));
        waiting.addAll(shots("preview", 3, Priority.PRIORITY_INTERACTIVE, NOW));
        assertThat(tenants(fair.pick(9, waiting, Map.of(), Map.of(), EQUAL, Map.of(), 10, NOW)))
                .containsExactly("preview", "preview", "preview", "films", "films", "films", "batch", "batch", "batch");
    }

    @Test
    void aBatchShotThatWaitedPastTheStarvationAgeCountsAsStandard() {
        List<FairShare.Candidate> waiting = new ArrayList<>(shots("batch", 1, Priority.PRIORITY_BATCH, NOW.minus(Duration.ofMinutes(11))));
        waiting.addAll(shots("films", 3, Priority.PRIORITY_STANDARD, NOW));
        assertThat(tenants(fair.pick(2, waiting, Map.of(), Map.of(), EQUAL, Map.of(), 10, NOW))).containsExactly("batch", "films");
    }

    @Test
    void aTenantAtItsConcurrencyLimitIsPassedOver() {
        List<FairShare.Candidate> waiting = new ArrayList<>(shots("capped", 5, Priority.PRIORITY_STANDARD, NOW.minusSeconds(60)));
        waiting.addAll(shots("free", 5, Priority.PRIORITY_STANDARD, NOW));
        Function<String, FairShare.Share> shares = t -> new FairShare.Share(1, t.equals("capped") ? 2 : Integer.MAX_VALUE);
        List<String> order = tenants(fair.pick(6, waiting, Map.of(), Map.of(), shares, Map.of("capped", 1), 10, NOW));
        assertThat(count(order)).containsEntry("capped", 1L).containsEntry("free", 5L);
    }

    @Test
    void aTenantBackFromIdleDoesNotCashInTheTimeItWasAway() {
        // "busy" had the fleet to itself: its virtual time and the clock are far ahead of "back", which never ran.
        List<FairShare.Candidate> waiting = new ArrayList<>(shots("busy", 10, Priority.PRIORITY_STANDARD, NOW.minusSeconds(60)));
        waiting.addAll(shots("back", 10, Priority.PRIORITY_STANDARD, NOW));
        List<String> order = tenants(fair.pick(6, waiting, Map.of("busy", 1000.0), Map.of(1, 990.0), EQUAL, Map.of(), 10, NOW));
        assertThat(count(order)).containsEntry("busy", 3L).containsEntry("back", 3L);
    }

    @Test
    void thePlanCarriesTheVirtualTimesOn() {
        FairShare.Plan plan = fair.pick(2, shots("a", 2, Priority.PRIORITY_STANDARD, NOW), Map.of(), Map.of(),
                t -> new FairShare.Share(2, Integer.MAX_VALUE), Map.of(), 10, NOW);
        assertThat(plan.virtualSeconds()).containsEntry("a", 10.0);
        assertThat(plan.clocks()).containsExactly(org.assertj.core.api.Assertions.entry(1, 5.0));
    }

    @Test
    void interactivePreviewsDoNotLevelTheWeightedStandardTenants() {
        // 28 rounds: a 2-shot preview arrives, then 5 more GPUs free up. The previews go first (higher class) and
        // their tenant's virtual time runs ahead of the standard tenants' (20 s a round against 50/7 s); the standard
        // tenants must still share their 140 shots 1:2:4, so the previews' start tags must not move their clock.
        Map<String, Double> weights = Map.of("w1", 1.0, "w2", 2.0, "w4", 4.0, "preview", 1.0);
        List<FairShare.Candidate> waiting = new ArrayList<>();
        List.of("w1", "w2", "w4").forEach(tenant -> waiting.addAll(shots(tenant, 200, Priority.PRIORITY_STANDARD, NOW)));
        Map<String, Double> virtual = Map.of();
        Map<Integer, Double> clocks = Map.of();
        List<String> order = new ArrayList<>();
        for (int round = 0; round < 28; round++) {
            waiting.addAll(shots("preview", 2, Priority.PRIORITY_INTERACTIVE, NOW));
            FairShare.Plan plan = fair.pick(7, waiting, virtual, clocks, t -> new FairShare.Share(weights.get(t), Integer.MAX_VALUE), Map.of(),
                    10, NOW);
            assertThat(tenants(plan).subList(0, 2)).containsExactly("preview", "preview");
            waiting.removeAll(plan.picks());
            order.addAll(tenants(plan));
            virtual = plan.virtualSeconds();
            clocks = plan.clocks();
        }
        Map<String, Long> counts = count(order);
        assertThat(counts.get("w1")).isBetween(19L, 21L);
        assertThat(counts.get("w2")).isBetween(39L, 41L);
        assertThat(counts.get("w4")).isBetween(79L, 81L);
    }

    private static List<FairShare.Candidate> shots(String tenant, int count, Priority priority, Instant queued) {
        UUID story = UUID.randomUUID();
        List<FairShare.Candidate> shots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shots.add(new FairShare.Candidate(story, i, tenant, priority, queued.plusMillis(i)));
        }
        return shots;
    }

    private static List<String> tenants(FairShare.Plan plan) {
        return plan.picks().stream().map(FairShare.Candidate::tenant).toList();
    }

    private static Map<String, Long> count(List<String> tenants) {
        Map<String, Long> counts = new HashMap<>();
        tenants.forEach(t -> counts.merge(t, 1L, Long::sum));
        return counts;
    }
}
