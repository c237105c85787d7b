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
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    private static final Duration BASE_IMAGE_WAIT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void buildImages() {
        String missing = Docker.unavailableReason();
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true and no Docker engine answers (scripts/docker/engine-up.sh starts one): " + missing);
        }
        assumeTrue(missing == null, "SKIPPED: no Docker engine answers, so the chart is not run in containers: " + missing);
        awaitBaseImageBuild();
        List<String> build = new ArrayList<>(List.of("bash", "scripts/docker/build-images.sh", "--tag", TAG));
        String base = System.getenv("MW_DOCKER_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            build.addAll(List.of("--base", base));
        }
        Helm.Result built = Helm.exec(build, RepoLayout.root());
        assertTrue(built.ok(), "building the images failed:\n" + built.stdout() + built.stderr());
        System.out.print(built.stdout());
        try {
            Files.deleteIfExists(RepoLayout.target().resolve("render-run").resolve("summary.txt"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * .ci/run builds the base image in the background: MW_DOCKER_BASE_IMAGE_DONE names the file
     * that gets the build's exit code, its log beside it ({@code .log}). Without it, nothing to wait for.
     */
    private static void awaitBaseImageBuild() {
        String done = System.getenv("MW_DOCKER_BASE_IMAGE_DONE");
        if (done == null || done.isBlank()) {
            return;
        }
        Path status = Path.of(done);
        Instant until = Instant.now().plus(BASE_IMAGE_WAIT);
        try {
            while (!Files.exists(status) || Files.readString(status).isBlank()) {
                if (Instant.now().isAfter(until)) {
                    throw new AssertionError("the base image's background build did not end within " + BASE_IMAGE_WAIT
                            + ": " + status);
                }
                Thread.sleep(1_000);
            }
            if (!Files.readString(status).strip().equals("0")) {
                Path log = Path.of(done + ".log");
                throw new AssertionError("the base image's build failed (exit " + Files.readString(status).strip() + "):\n"
                        + (Files.exists(log) ? Files.readString(log) : "no log at " + log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The render with this run's images (and, with a local base, that base as the curl image of the test pods and the download). */
    static Rendered render(String source, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--set", "master.image.registry=", "--set", "master.image.repository=mw/master", "--set", "master.image.tag=" + TAG,
                "--set", "worker.image.registry=", "--set", "worker.image.repository=mw/worker", "--set", "worker.image.tag=" + TAG));
        String base = System.getenv("MW_DOCKER_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            int colon = base.lastIndexOf(':');
            for (String image : List.of("tests.image", "dataDownload.image")) {
                args.addAll(List.of("--set", image + ".registry=", "--set", image + ".repository=" + base.substring(0, colon),
                        "--set", image + ".tag=" + base.substring(colon + 1)));
            }
        }
        args.addAll(List.of(more));
        return Rendered.parse(Helm.template(args.toArray(String[]::new)), source);
    }

    /**
     * Each image starts on the start-up cache its build made (run-java.sh --train-cache): with
     * -XX:AOTMode=on (-Xshare:on for a class-data archive) a JVM that cannot map it fails
     * instead of starting without it. quarkus.appcds.generate ends the run once started.
     */
    @ParameterizedTest(name = "mw/{0}")
    @ValueSource(strings = {"master", "worker"})
    void eachImageStartsOnTheStartUpCacheItsBuildMade(String service) {
        String script = "cd /deployments; if [ -s app.aot ]; then on=-XX:AOTMode=on; elif [ -s app-cds.jsa ]; then on=-Xshare:on; "
                + "else echo 'no start-up cache in /deployments'; exit 1; fi; "
                + "JAVA_OPTS_APPEND=\"$on -Dquarkus.appcds.generate=true\" exec sh /deployments/run-java.sh";
        Helm.Result run = Docker.call("run", "--rm", "--read-only", "--tmpfs", "/tmp", "-e", "MW_GROUP=am",
                "--entrypoint", "sh", "mw/" + service + ":" + TAG, "-c", script);
        assertTrue(run.ok(), "mw/" + service + " did not start on its start-up cache (exit " + run.exitCode() + "):\n"
                + run.stdout() + run.stderr());
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
            aReplacedMasterPodIsFoundByEveryWorker(cluster, rendered, master);
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

    /**
     * Memory against the limits: group am brings a million records (a volume claim per worker,
     * the download init container finding the file already there with its sha256), the chart's
     * helm tests check answers from values, and then as many clients as the master's
     * mw.max-concurrent-queries send name, location and year queries (a year answer is about
     * 0.7 MB) for 20 s. Neither container may be OOM-killed or end; the peaks are reported.
     */
    @Test
    void aMillionRecordsAndTheMastersConcurrencyCapFitTheMemoryLimits() throws Exception {
        Path data = RepoLayout.target().resolve("render-run/data/data-am-1000000.json");
        generate(data, 1_000_000);
        SeedFacts facts = SeedFacts.of(data, RepoLayout.root().resolve("data/data-nz.json"));
        Rendered rendered = render("helm template (am: 1 M records on a volume claim)",
                "--set", "groups[0].name=am", "--set", "groups[0].range=a-m", "--set", "groups[0].replicas=1",
                "--set", "groups[0].persistence.size=1Gi",
                "--set", "groups[0].download.url=http://data.invalid/data-am.json",
                "--set", "groups[0].download.sha256=" + facts.sha256(),
                "--set", "groups[1].name=nz", "--set", "groups[1].range=n-z", "--set", "groups[1].replicas=1",
                "--set", "worker.resources.limits.memory=" + MILLION_RECORD_WORKER_LIMIT,
                "--set-string", "tests.expect.name=" + facts.name(), "--set", "tests.expect.nameRecords=" + facts.nameRecords(),
                "--set-string", "tests.expect.location=" + facts.location(),
                "--set", "tests.expect.locationRecords=" + facts.locationRecords());
        try (ContainerCluster cluster = new ContainerCluster(rendered, "mw-rr-million", runDir("million"))) {
            String worker = rendered.worker("am").getMetadata().getName() + "-0";
            Files.copy(data, cluster.claimDir(worker, "data").resolve("data-am.json"));
            cluster.start();
            awaitProbesAndHelmTests(cluster, rendered);
            ContainerCluster.PodRun master = cluster.pods("master").get(0);
            int clients = Integer.parseInt(PodEnv.resolve(rendered, new PodEnv.PodFacts(master.name(), Helm.NAMESPACE,
                    master.ip(), null), master.spec().getContainers().get(0)).get("MW_MAX_CONCURRENT_QUERIES"));
            List<URI> queries = List.of(
                    cluster.uri(master, Contract.MASTER_PORT, "/api/records?name=" + facts.nameQuery()),
                    cluster.uri(master, Contract.MASTER_PORT, "/api/records?location=" + facts.locationQuery()),
                    cluster.uri(master, Contract.MASTER_PORT, "/api/records?year=2000"));
            LoadLoop.Outcome outcome;
            try (LoadLoop load = LoadLoop.start(queries, clients)) {
                Thread.sleep(20_000);
                outcome = load.stop();
            }
            for (ContainerCluster.PodRun pod : cluster.pods()) {
                ContainerCluster.ContainerState state = cluster.state(pod);
                assertFalse(state.oomKilled(), pod.name() + " was OOM-killed: " + state);
                assertEquals("running", state.status(), pod.name() + " ended under load: " + state + "\n" + cluster.logTail(pod));
                long limit = Quantity.getAmountInBytes(pod.spec().getContainers().get(0).getResources().getLimits()
                        .get("memory")).longValue();
                long peak = cluster.peakMemoryBytes(pod);
                report(String.format("%s: memory peak %d MiB of its %d MiB limit (%.0f %%) under %d clients",
                        pod.name(), peak >> 20, limit >> 20, 100.0 * peak / limit, clients));
            }
            report("load at the master's concurrency cap: " + outcome);
            assertTrue(outcome.ok() > 0, "the load got answers: " + outcome);
            answersAgain(cluster, master, facts);
        }
    }

    /** The limit a worker holding a million records needs (the chart README's example says so too). */
    static final String MILLION_RECORD_WORKER_LIMIT = "512Mi";

    private static void answersAgain(ContainerCluster cluster, ContainerCluster.PodRun master, SeedFacts facts)
            throws Exception {
        URI name = cluster.uri(master, Contract.MASTER_PORT, "/api/records?name=" + facts.nameQuery());
        HttpResponse<String> answer = get(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = get(name);
        }
        assertEquals(200, answer.statusCode(), "after the load: " + answer.body());
        assertEquals(facts.nameRecords(), JSON.readTree(answer.body()).get("records").size(), answer.body());
    }

    private static void generate(Path data, int records) throws IOException, InterruptedException {
        if (Files.isRegularFile(data)) {
            return;
        }
        Files.createDirectories(data.getParent());
        Path part = data.resolveSibling(data.getFileName() + ".part");
        Helm.Result generated = Helm.exec(List.of("python3", "bench/gen-data.py", "--group", "am", "--range", "a-m",
                "--records", String.valueOf(records), "--out", part.toString()), RepoLayout.root());
        assertTrue(generated.ok(), "bench/gen-data.py failed:\n" + generated.stderr());
        Files.move(part, data);
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

    /**
     * The master pod deleted and replaced by one at a new IP: every worker still running finds
     * it through the headless Service within a few heartbeats (DNS answers are not cached
     * for the JVM's default 30 s), and it becomes ready and answers.
     */
    private static void aReplacedMasterPodIsFoundByEveryWorker(ContainerCluster cluster, Rendered rendered,
            ContainerCluster.PodRun old) throws Exception {
        ContainerCluster.PodRun master = cluster.replace(old);
        long replaced = System.nanoTime();
        Set<String> running = new TreeSet<>();
        for (ContainerCluster.PodRun w : cluster.pods("worker")) {
            if ("running".equals(cluster.state(w).status())) {
                running.add(w.name());
            }
        }
        URI uri = cluster.uri(master, Contract.MASTER_PORT, "/api/workers");
        Set<String> registered = new TreeSet<>();
        long deadline = replaced + MASTER_FOUND_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            registered.clear();
            try {
                for (JsonNode w : JSON.readTree(get(uri).body())) {
                    registered.add(w.get("id").asText());
                }
            } catch (IOException notUpYet) {
                // the new master is still starting
            }
            if (registered.equals(running)) {
                break;
            }
            Thread.sleep(250);
        }
        long tookMs = (System.nanoTime() - replaced) / 1_000_000;
        assertEquals(running, registered, "workers registered at the replacement master " + master.name() + " after "
                + tookMs + " ms");
        Container c = master.spec().getContainers().get(0);
        await(cluster, master, c, "readiness", c.getReadinessProbe());
        report("master replaced by " + master.name() + " at " + master.ip() + ": every running worker registered there "
                + tookMs + " ms after the old pod was deleted");
        answersTheSeedQueries(cluster, master);
    }

    /** The new master's own start (a few seconds here) plus two heartbeats and a DNS TTL, with room for a busy machine. */
    static final Duration MASTER_FOUND_WITHIN = Duration.ofSeconds(25);

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
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
