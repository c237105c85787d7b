package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Render and run, in containers: the chart rendered, its images built from the packaged
 * services, and every rendered pod run as a container of them ({@link ContainerCluster}) with
 * its env, user, read-only root, capabilities and limits. Then: every probe on its rendered
 * path, the chart's own {@code helm test} pods, every master knowing every worker at its pod IP,
 * the seed answers, a worker killed (its sibling answers, the master marks it DOWN) and one
 * stopped the kubelet's way under load (no query fails).
 *
 * <p>Needs a Docker engine: .ci/run starts one ({@code scripts/docker/engine-up.sh}) and builds
 * the images on a Debian-built base ({@code MW_DOCKER_BASE_IMAGE}); elsewhere the Dockerfiles'
 * public base is pulled. Without an engine the tests are skipped with the reason, except under
 * CI=true, where they fail.
 */
class ChartRunsInContainersIT {

    static final String TAG = "render-run";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void buildImages() {
        String missing = Docker.unavailableReason();
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true and no Docker engine answers (scripts/docker/engine-up.sh starts one): " + missing);
        }
        assumeTrue(missing == null, "SKIPPED: no Docker engine answers, so the chart is not run in containers: " + missing);
        List<String> build = new ArrayList<>(List.of("bash", "scripts/docker/build-images.sh", "--tag", TAG));
        String base = System.getenv("MW_DOCKER_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            build.addAll(List.of("--base", base));
        }
        Helm.Result built = Helm.exec(build, RepoLayout.root());
        assertTrue(built.ok(), "building the images failed:\n" + built.stdout() + built.stderr());
        System.out.print(built.stdout());
    }

    /** The render with this run's images (and, with a local base, that base as the curl image of the test pods). */
    static Rendered render(String source, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--set", "master.image.registry=", "--set", "master.image.repository=mw/master", "--set", "master.image.tag=" + TAG,
                "--set", "worker.image.registry=", "--set", "worker.image.repository=mw/worker", "--set", "worker.image.tag=" + TAG));
        String base = System.getenv("MW_DOCKER_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            int colon = base.lastIndexOf(':');
            args.addAll(List.of("--set", "tests.image.registry=", "--set", "tests.image.repository=" + base.substring(0, colon),
                    "--set", "tests.image.tag=" + base.substring(colon + 1)));
        }
        args.addAll(List.of(more));
        return Rendered.parse(Helm.template(args.toArray(String[]::new)), source);
    }

    @Test
    void theDefaultChartRunsInContainersAndSurvivesAWorkerKilledAndOneStopped() throws Exception {
        Rendered rendered = render("helm template (defaults, " + TAG + " images)");
        try (ContainerCluster cluster = new ContainerCluster(rendered, "mw-rr-default", runDir("default"))) {
            cluster.start();
            awaitProbesAndHelmTests(cluster, rendered);
            everyMasterKnowsEveryWorkerAtItsPodAddress(cluster);
            ContainerCluster.PodRun master = cluster.pods("master").get(0);
            answersTheSeedQueries(cluster, master);
            aKilledWorkerIsMarkedDownAndItsSiblingAnswers(cluster, master);
            aWorkerStoppedGracefullyUnderLoadFailsNoQuery(cluster, master);
        }
    }

    /** Two masters behind the headless Service: each worker registers at each of them. */
    @Test
    void twoMastersEachKnowEveryWorker() throws Exception {
        Rendered rendered = render("helm template (2 masters)", "--set", "master.replicaCount=2");
        try (ContainerCluster cluster = new ContainerCluster(rendered, "mw-rr-masters", runDir("masters-2"))) {
            cluster.start();
            awaitProbesAndHelmTests(cluster, rendered);
            everyMasterKnowsEveryWorkerAtItsPodAddress(cluster);
            for (ContainerCluster.PodRun master : cluster.pods("master")) {
                answersTheSeedQueries(cluster, master);
            }
        }
    }

    private static void awaitProbesAndHelmTests(ContainerCluster cluster, Rendered rendered) throws Exception {
        Map<String, Duration> ready = awaitEveryPod(cluster, "startup", "readiness", "liveness");
        ready.forEach((pod, took) -> report(pod + ": ready " + took.toMillis() + " ms after its container started"));
        List<Pod> tests = rendered.testPods();
        assertFalse(tests.isEmpty(), "helm test pods");
        for (Pod test : tests) {
            String output = cluster.runTestPod(test);
            assertTrue(output.contains("ok: "), test.getMetadata().getName() + " checked nothing:\n" + output);
        }
    }

    /**
     * Each pod's probes polled in turn on a thread of its own, as the kubelet polls every pod at
     * once: pod name -> time from its container's start to its last probe passing.
     */
    private static Map<String, Duration> awaitEveryPod(ContainerCluster cluster, String... kinds) throws Exception {
        ExecutorService pollers = Executors.newFixedThreadPool(cluster.pods().size());
        try {
            Map<String, Future<Duration>> polls = new TreeMap<>();
            for (ContainerCluster.PodRun pod : cluster.pods()) {
                polls.put(pod.name(), pollers.submit(() -> {
                    Container c = pod.spec().getContainers().get(0);
                    for (String kind : kinds) {
                        await(cluster, pod, c, kind, switch (kind) {
                            case "startup" -> c.getStartupProbe();
                            case "readiness" -> c.getReadinessProbe();
                            default -> c.getLivenessProbe();
                        });
                    }
                    return Duration.between(cluster.startedAt(pod), Instant.now());
                }));
            }
            Map<String, Duration> ready = new TreeMap<>();
            for (Map.Entry<String, Future<Duration>> poll : polls.entrySet()) {
                try {
                    ready.put(poll.getKey(), poll.getValue().get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError a ? a : new AssertionError(poll.getKey(), e.getCause());
                }
            }
            return ready;
        } finally {
            pollers.shutdownNow();
        }
    }

    private static Duration await(ContainerCluster cluster, ContainerCluster.PodRun pod, Container c, String kind, Probe probe)
            throws InterruptedException {
        assertTrue(probe != null && probe.getHttpGet() != null, pod.name() + " has no " + kind + " httpGet probe");
        long budget = (long) probe.getPeriodSeconds() * probe.getFailureThreshold();
        return cluster.awaitProbe(pod, c, kind, probe, Duration.ofSeconds(Math.min(Math.max(budget, 60), 180)));
    }

    /** The downward API wiring, end to end: mw.id is the pod name, the advertised URL its pod IP. */
    private static void everyMasterKnowsEveryWorkerAtItsPodAddress(ContainerCluster cluster) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        cluster.pods("worker").forEach(p -> expected.put(p.name(), "http://" + p.ip() + ":" + Contract.WORKER_PORT));
        for (ContainerCluster.PodRun master : cluster.pods("master")) {
            URI uri = cluster.uri(master, Contract.MASTER_PORT, "/api/workers");
            Map<String, String> registered = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                registered.clear();
                for (JsonNode w : JSON.readTree(get(uri).body())) {
                    registered.put(w.get("id").asText(), w.get("url").asText());
                }
                if (registered.equals(expected)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(expected, registered, master.name() + " knows every worker pod by name at its pod IP");
        }
    }

    private static void answersTheSeedQueries(ContainerCluster cluster, ContainerCluster.PodRun master) throws Exception {
        HttpResponse<String> alice = get(cluster.uri(master, Contract.MASTER_PORT, "/api/records?name=alice"));
        assertEquals(200, alice.statusCode(), alice.body());
        assertTrue(alice.body().contains("{\"record_id\":2,\"name\":\"alice\",\"location\":\"New York City\",\"year\":2002}"),
                alice.body());
        HttpResponse<String> kc = get(cluster.uri(master, Contract.MASTER_PORT,
                "/api/records?location=Kansas%20City&allowPartial=false"));
        assertEquals(200, kc.statusCode(), kc.body());
        assertEquals(6, JSON.readTree(kc.body()).get("records").size(), kc.body());
    }

    /** SIGKILL to worker-am-0: alice's queries go to worker-am-1 at once, and the master marks am-0 DOWN. */
    private static void aKilledWorkerIsMarkedDownAndItsSiblingAnswers(ContainerCluster cluster, ContainerCluster.PodRun master)
            throws Exception {
        ContainerCluster.PodRun victim = cluster.pods("worker").stream().filter(p -> p.name().endsWith("-am-0")).findFirst()
                .orElseThrow();
        String sibling = victim.name().replaceAll("-0$", "-1");
        cluster.kill(victim);
        URI alice = cluster.uri(master, Contract.MASTER_PORT, "/api/records?name=alice");
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = get(alice);
            assertEquals(200, answer.statusCode(), "alice after " + victim.name() + " was killed: " + answer.body());
            assertEquals(sibling, JSON.readTree(answer.body()).at("/shards/details/0/worker").asText(), answer.body());
        }
        URI workers = cluster.uri(master, Contract.MASTER_PORT, "/api/workers");
        String state = "";
        long killed = System.nanoTime();
        long deadline = killed + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            state = "gone";
            for (JsonNode w : JSON.readTree(get(workers).body())) {
                if (w.get("id").asText().equals(victim.name())) {
                    state = w.get("state").asText();
                }
            }
            if (state.equals("DOWN") || state.equals("gone")) {
                break;
            }
            get(alice);
            Thread.sleep(200);
        }
        assertTrue(state.equals("DOWN") || state.equals("gone"), victim.name() + " after SIGKILL is " + state);
        report(victim.name() + " killed: its sibling answered every query; the master had it " + state + " after "
                + (System.nanoTime() - killed) / 1_000_000 + " ms");
    }

    /**
     * worker-nz-1 stopped the kubelet's way (preStop sleep, SIGTERM, grace period) while four
     * clients send name and scatter queries: none fails, and it deregisters and exits within the grace period.
     */
    private static void aWorkerStoppedGracefullyUnderLoadFailsNoQuery(ContainerCluster cluster,
            ContainerCluster.PodRun master) throws Exception {
        ContainerCluster.PodRun stopped = cluster.pods("worker").stream().filter(p -> p.name().endsWith("-nz-1")).findFirst()
                .orElseThrow();
        List<URI> queries = List.of(cluster.uri(master, Contract.MASTER_PORT, "/api/records?name=rakin"),
                cluster.uri(master, Contract.MASTER_PORT, "/api/records?location=Kansas%20City&allowPartial=false"));
        try (LoadLoop load = LoadLoop.start(queries, 4)) {
            Thread.sleep(1000);
            long begin = System.nanoTime();
            ContainerCluster.ContainerState state = cluster.stopGracefully(stopped);
            long tookMs = (System.nanoTime() - begin) / 1_000_000;
            Thread.sleep(1000);
            LoadLoop.Outcome outcome = load.stop();
            // a JVM ended by SIGTERM exits 143 once its shutdown is done; 137 would be the SIGKILL after the grace period
            assertEquals(143, state.exitCode(), stopped.name() + " exit after SIGTERM: " + state + "\n" + cluster.logTail(stopped));
            assertTrue(cluster.logTail(stopped).contains("Deregistered"), "it deregistered:\n" + cluster.logTail(stopped));
            assertEquals(0, outcome.failed(), "queries failed while " + stopped.name() + " stopped: " + outcome);
            assertTrue(outcome.ok() > 20, "the load ran: " + outcome);
            report(stopped.name() + " stopped gracefully in " + tookMs + " ms under load: " + outcome);
        }
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long bytes(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).longValue();
    }

    /** A line for the run's summary (target/render-run/summary.txt) and the test's output. */
    static void report(String line) {
        System.out.println("render-run: " + line);
        try {
            Path summary = Files.createDirectories(RepoLayout.target().resolve("render-run")).resolve("summary.txt");
            Files.writeString(summary, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path runDir(String name) throws IOException {
        Path dir = RepoLayout.target().resolve("render-run").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
