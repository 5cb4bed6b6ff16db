package io.starloom.scheduler.identity;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;

/**
 * What validating a bearer token (keys cached) adds to a request: the same request, answered before any
 * database work (a story id that is not a UUID is 404 at once), sent with a valid token and without one
 * (401 at the permission check). The difference of the medians is signature, claims, issuer choice, role
 * mapping, tenant claim and rate-limit bucket. Run it with
 * {@code ./mvnw -o -pl services/scheduler verify -Dtest=TokenValidationBenchmarkTest -Dbenchmark.token-validation=true}.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "benchmark.token-validation", matches = "true")
class TokenValidationBenchmarkTest {
    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 5_000;

    @TestHTTPResource("/v1/stories/not-a-story")
    URL target;

    @Test
    void tokenValidationCostPerRequest() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = DevStackTestResource.stack().mintToken("bench", "bench", java.util.Set.of(Roles.STORY_READER));
        HttpRequest withToken = HttpRequest.newBuilder(target.toURI()).header("Authorization", "Bearer " + token).build();
        HttpRequest without = HttpRequest.newBuilder(URI.create(target.toString())).build();
        for (int round = 0; round < 2; round++) {
            long[] valid = measure(http, withToken, 404);
            long[] anonymous = measure(http, without, 401);
            System.out.printf("token validation benchmark round %d: valid token median %.0f us p99 %.0f us; no token median %.0f us p99 %.0f us;"
                    + " validation adds %.0f us per request (median)%n", round, micros(valid, 0.5), micros(valid, 0.99),
                    micros(anonymous, 0.5), micros(anonymous, 0.99), micros(valid, 0.5) - micros(anonymous, 0.5));
        }
    }

    private static long[] measure(HttpClient http, HttpRequest request, int expected) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            send(http, request, expected);
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long begin = System.nanoTime();
            send(http, request, expected);
            nanos[i] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void send(HttpClient http, HttpRequest request, int expected) throws Exception {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != expected) {
            throw new AssertionError("expected " + expected + " but got " + status);
        }
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1_000.0;
    }
}
