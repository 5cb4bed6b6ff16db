package io.starloom.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.scheduler.messaging.OutboxRelay;
import io.starloom.scheduler.persistence.IsolatedSessions;
import io.starloom.scheduler.webhooks.application.WebhookDispatcher;

/**
 * The SKIP LOCKED claims run many times a second under load; each run must reuse its query plan. A query whose
 * plan the cache cannot match again adds an entry per run (and the CPU of building it): that shows as more than
 * one plan-cache miss for the same query text.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class QueryPlanCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Mutiny.SessionFactory factory;
    @Inject
    OutboxRelay relay;
    @Inject
    WebhookDispatcher webhooks;
    @Inject
    IsolatedSessions sessions;

    @Test
    void theClaimsReuseTheirQueryPlans() {
        Statistics statistics = factory.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            for (int run = 0; run < 5; run++) {
                sessions.run(relay::publishPending).await().atMost(WAIT);
                sessions.run(webhooks::deliverDue).await().atMost(WAIT);
            }
            Map<String, Long> missedAgain = new TreeMap<>();
            Arrays.stream(statistics.getQueries()).forEach(query -> {
                long misses = statistics.getQueryStatistics(query).getPlanCacheMissCount();
                if (misses > 1) {
                    missedAgain.put(query, misses);
                }
            });
            System.out.println("plan cache: " + statistics.getQueryPlanCacheMissCount() + " misses, " + statistics.getQueryPlanCacheHitCount()
                    + " hits; missed more than once: " + missedAgain);
            assertThat(missedAgain).isEmpty();
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }
}
