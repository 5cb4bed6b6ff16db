package io.starloom.scheduler.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.starloom.proto.v1.Priority;

/**
 * The dispatch policy alone ({@link FairShare}, one pick each time a simulated GPU frees up, charged the
 * profile's typical seconds as the dispatcher does) on a simulated fleet in virtual time: 8 workers, skewed
 * (log-normal) shot durations. It measures what the policy decides — fairness, shares, makespan, interactive
 * waits — not the system's latencies (database, broker), which this simulation does not have. Behind the flag:
 * {@code ./mvnw -o -q -pl services/scheduler test -Dtest=FairShareSimulationBenchmarkTest -Dstarloom.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "starloom.benchmark", matches = "true")
class FairShareSimulationBenchmarkTest {
    private static final int WORKERS = 8;
    private static final double TYPICAL_SECONDS = 10;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Map<String, Double> WEIGHTS = new java.util.TreeMap<>(Map.of("w1", 1.0, "w2", 2.0, "w4", 4.0));

    /** One shot of the simulation: who, when it arrived, how long it really renders. */
    private record Job(FairShare.Candidate candidate, double arrival, double seconds) {
    }

    /** What happened to each job. */
    private record Run(Job job, double start, double end) {
    }

    @Test
    void twentyEqualTenantsThousandShots() {
        Random random = new Random(42);
        List<Job> jobs = new ArrayList<>();
        for (int tenant = 0; tenant < 20; tenant++) {
            for (int shot = 0; shot < 50; shot++) {
                jobs.add(job("t" + tenant, Priority.PRIORITY_STANDARD, 0, duration(random), shot));
            }
        }
        List<Run> runs = simulate(jobs, t -> 1.0);
        double total = jobs.stream().mapToDouble(Job::seconds).sum();
        double makespan = runs.stream().mapToDouble(Run::end).max().orElseThrow();
        double lowerBound = Math.max(total / WORKERS, jobs.stream().mapToDouble(Job::seconds).max().orElseThrow());
        // While every tenant still has work waiting: until the first tenant's last shot starts.
        double contended = runs.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.job().candidate().tenant(),
                java.util.stream.Collectors.reducing(0.0, Run::start, Math::max))).values().stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow();
        Map<String, Double> served = gpuSeconds(runs, contended);
        double jain = jain(served.values());
        System.out.printf(Locale.ROOT, "fleet sim: 1000 shots, 20 tenants, %d workers: makespan %.1f s, lower bound %.1f s (+%.2f %%), "
                + "busy %.2f %%, Jain %.4f over the first %.0f s%n", WORKERS, makespan, lowerBound, 100 * (makespan / lowerBound - 1),
                100 * total / (WORKERS * makespan), jain, contended);
        assertThat(jain).isGreaterThanOrEqualTo(0.95);
        assertThat(makespan / lowerBound).isLessThanOrEqualTo(1.05);
    }

    @Test
    void weightsOneTwoFour() {
        Random random = new Random(7);
        List<Job> jobs = new ArrayList<>();
        WEIGHTS.keySet().forEach(tenant -> {
            for (int shot = 0; shot < 600; shot++) {
                jobs.add(job(tenant, Priority.PRIORITY_STANDARD, 0, duration(random), shot));
            }
        });
        assertWeightedShares("fleet sim weights 1:2:4", simulate(jobs, t -> WEIGHTS.getOrDefault(t, 1.0)));
    }

    /**
     * The end-to-end weighted scenario in virtual time: the three weighted tenants and a batch tenant all queued at 0,
     * and 2-shot interactive previews from three other tenants arriving meanwhile. Interactive work must not disturb
     * the standard tenants' shares (one virtual clock per priority class).
     */
    @Test
    void weightsOneTwoFourNextToBatchAndInteractivePreviews() {
        Random random = new Random(13);
        List<Job> jobs = new ArrayList<>();
        WEIGHTS.keySet().forEach(tenant -> {
            for (int shot = 0; shot < 200; shot++) {
                jobs.add(job(tenant, Priority.PRIORITY_STANDARD, 0, duration(random), shot));
            }
        });
        for (int shot = 0; shot < 200; shot++) {
            jobs.add(job("batch", Priority.PRIORITY_BATCH, 0, duration(random), shot));
        }
        // Three interactive tenants in turn, a 2-shot preview every 15 s on average (Poisson) while the weighted work runs.
        double at = 0;
        int n = 0;
        while (at < 600) {
            at += -Math.log(1 - random.nextDouble()) * 15;
            String tenant = "i" + (n % 3);
            jobs.add(job(tenant, Priority.PRIORITY_INTERACTIVE, at, duration(random), 2 * n));
            jobs.add(job(tenant, Priority.PRIORITY_INTERACTIVE, at, duration(random), 2 * n + 1));
            n++;
        }
        List<Run> runs = simulate(jobs, t -> WEIGHTS.getOrDefault(t, 1.0));
        assertWeightedShares("fleet sim weights 1:2:4 + batch + " + 2 * n + " interactive shots", runs);
    }

    /** The weighted tenants' shares of the shots started while all three still had work waiting: within 5 % of 1:2:4. */
    private static void assertWeightedShares(String label, List<Run> all) {
        List<Run> runs = all.stream().filter(r -> WEIGHTS.containsKey(r.job().candidate().tenant())).toList();
        double contended = WEIGHTS.keySet().stream().mapToDouble(tenant -> runs.stream().filter(r -> r.job().candidate().tenant().equals(tenant))
                .mapToDouble(Run::start).max().orElseThrow()).min().orElseThrow();
        Map<String, Double> served = gpuSeconds(runs, contended);
        double sum = served.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Long> started = new HashMap<>();
        runs.stream().filter(r -> r.start() < contended).forEach(r -> started.merge(r.job().candidate().tenant(), 1L, Long::sum));
        long shots = started.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder line = new StringBuilder(label + " over the first " + Math.round(contended) + " s:");
        Map<String, Double> misses = new java.util.TreeMap<>();
        WEIGHTS.forEach((tenant, weight) -> {
            double share = started.get(tenant) / (double) shots;
            double expected = weight / 7;
            misses.put(tenant, (share - expected) / expected);
            line.append(String.format(Locale.ROOT, " %s shots %.3f (%+.1f %%), GPU-seconds %.3f (want %.3f);", tenant, share,
                    100 * (share - expected) / expected, served.get(tenant) / sum, expected));
        });
        System.out.println(line);
        // The policy charges the profile's typical seconds per shot, so it shares shots by weight; GPU-seconds follow up to
        // the spread of the real durations.
        misses.forEach((tenant, miss) -> assertThat(Math.abs(miss)).as(tenant).isLessThanOrEqualTo(0.05));
    }

    @Test
    void aBatchTenantNextToInteractiveOnes() {
        Random random = new Random(11);
        List<Job> jobs = new ArrayList<>();
        for (int shot = 0; shot < 800; shot++) {
            jobs.add(job("batch", Priority.PRIORITY_BATCH, 0, duration(random), shot));
        }
        // Five interactive tenants, each a 2-shot preview now and then (Poisson arrivals, one every 20 s overall).
        double at = 0;
        int n = 0;
        while (at < 900) {
            at += -Math.log(1 - random.nextDouble()) * 20;
            String tenant = "i" + (n % 5);
            jobs.add(job(tenant, Priority.PRIORITY_INTERACTIVE, at, duration(random), 2 * n));
            jobs.add(job(tenant, Priority.PRIORITY_INTERACTIVE, at, duration(random), 2 * n + 1));
            n++;
        }
        List<Run> runs = simulate(jobs, t -> 1.0);
        List<Double> waits = runs.stream().filter(r -> r.job().candidate().priority() == Priority.PRIORITY_INTERACTIVE)
                .map(r -> r.start() - r.job().arrival()).sorted().toList();
        double p50 = waits.get(waits.size() / 2);
        double p99 = waits.get((int) Math.ceil(waits.size() * 0.99) - 1);
        double batchBusy = runs.stream().filter(r -> r.job().candidate().tenant().equals("batch") && r.start() < 900)
                .mapToDouble(r -> Math.min(r.end(), 900) - r.start()).sum() / (WORKERS * 900);
        System.out.printf(Locale.ROOT, "fleet sim batch + interactive: %d interactive shots, wait p50 %.1f s, p99 %.1f s "
                + "(mean shot %.0f s on %d workers); batch kept %.1f %% of the GPU time%n", waits.size(), p50, p99, TYPICAL_SECONDS, WORKERS,
                100 * batchBusy);
        // An interactive shot waits at most for the first of the 8 running shots to end, not behind the batch backlog.
        assertThat(p99).isLessThan(3 * TYPICAL_SECONDS);
    }

    /** Event-driven: each time a worker is free and something waits, the policy picks one shot. */
    private static List<Run> simulate(List<Job> jobs, java.util.function.Function<String, Double> weight) {
        FairShare fair = new FairShare(Duration.ofMinutes(10));
        List<Job> pending = new ArrayList<>(jobs);
        pending.sort((a, b) -> Double.compare(a.arrival(), b.arrival()));
        List<FairShare.Candidate> waiting = new ArrayList<>();
        Map<FairShare.Candidate, Job> jobOf = new HashMap<>();
        PriorityQueue<double[]> freeAt = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int w = 0; w < WORKERS; w++) {
            freeAt.add(new double[] { 0 });
        }
        Map<String, Double> virtual = new HashMap<>();
        Map<Integer, Double> clocks = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        int next = 0;
        while (runs.size() < jobs.size()) {
            double now = freeAt.poll()[0];
            while (next < pending.size() && pending.get(next).arrival() <= now) {
                Job job = pending.get(next++);
                waiting.add(job.candidate());
                jobOf.put(job.candidate(), job);
            }
            if (waiting.isEmpty()) {
                // Idle until the next arrival.
                freeAt.add(new double[] { pending.get(next).arrival() });
                continue;
            }
            FairShare.Plan plan = fair.pick(1, waiting, virtual, clocks, t -> new FairShare.Share(weight.apply(t), Integer.MAX_VALUE),
                    Map.of(), TYPICAL_SECONDS, T0.plusMillis((long) (now * 1000)));
            FairShare.Candidate picked = plan.picks().get(0);
            virtual = new HashMap<>(plan.virtualSeconds());
            clocks = plan.clocks();
            waiting.remove(picked);
            Job job = jobOf.get(picked);
            runs.add(new Run(job, now, now + job.seconds()));
            freeAt.add(new double[] { now + job.seconds() });
        }
        return runs;
    }

    /** Each tenant's shots are one story; ids are fixed, so that the ties the policy breaks by id break the same way each run. */
    private static Job job(String tenant, Priority priority, double arrival, double seconds, int index) {
        UUID story = UUID.nameUUIDFromBytes(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Job(new FairShare.Candidate(story, index, tenant, priority, T0.plusMillis((long) (arrival * 1000))), arrival, seconds);
    }

    /** Log-normal, σ = 0.8, mean {@link #TYPICAL_SECONDS}: most shots short, a long tail of long ones. */
    private static double duration(Random random) {
        double sigma = 0.8;
        double mu = Math.log(TYPICAL_SECONDS) - sigma * sigma / 2;
        return Math.exp(mu + sigma * random.nextGaussian());
    }

    /** GPU-seconds each tenant received before {@code until}. */
    private static Map<String, Double> gpuSeconds(List<Run> runs, double until) {
        Map<String, Double> served = new HashMap<>();
        runs.forEach(run -> {
            double seconds = Math.max(0, Math.min(run.end(), until) - run.start());
            served.merge(run.job().candidate().tenant(), seconds, Double::sum);
        });
        return served;
    }

    private static double jain(java.util.Collection<Double> values) {
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        double squares = values.stream().mapToDouble(v -> v * v).sum();
        return sum * sum / (values.size() * squares);
    }
}
