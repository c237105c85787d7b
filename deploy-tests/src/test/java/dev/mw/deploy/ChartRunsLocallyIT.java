package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * Render and run, here: the chart rendered with its default values, every rendered container
 * started as a local process from the packaged jars (see {@link LocalKubernetes}), each
 * container's rendered startup, readiness and liveness probes polled at its rendered port, then
 * the chart's own `helm test` pods run against the master Service. A wrong env name, port, probe
 * path or Service name in the chart fails here.
 */
class ChartRunsLocallyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultChartRunsAndPassesItsHelmTests() throws Exception {
        run("default", Scenario.defaults().rendered());
    }

    /**
     * Several masters behind the headless Service, whose name resolves to every master pod: each
     * worker must register at each of them (-Dmw.renderRun.masters=N for another count).
     */
    @Test
    void severalMastersEachKnowEveryWorker() throws Exception {
        String masters = System.getProperty("mw.renderRun.masters", "2");
        run("masters-" + masters, Rendered.parse(Helm.template("--set", "master.replicaCount=" + masters),
                "helm template (" + masters + " masters)"));
    }

    private void run(String name, Rendered rendered) throws Exception {
        Path dir = RepoLayout.target().resolve("render-run").resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        try (LocalKubernetes cluster = new LocalKubernetes(rendered, dir)) {
            cluster.start();
            for (LocalKubernetes.LocalPod pod : cluster.pods()) {
                for (Container c : pod.spec().getContainers()) {
                    await(cluster, pod, c, "startup", c.getStartupProbe());
                }
            }
            for (LocalKubernetes.LocalPod pod : cluster.pods()) {
                for (Container c : pod.spec().getContainers()) {
                    await(cluster, pod, c, "readiness", c.getReadinessProbe());
                    await(cluster, pod, c, "liveness", c.getLivenessProbe());
                }
            }
            List<Pod> tests = rendered.testPods();
            assertEquals(3, tests.size(), "helm test pods");
            for (Pod test : tests) {
                String output = cluster.runTestPod(test);
                assertTrue(output.contains("ok: "), test.getMetadata().getName() + " checked nothing:\n" + output);
            }
            everyMasterKnowsEveryWorkerAtItsPodAddress(cluster);
        }
    }

    private static void await(LocalKubernetes cluster, LocalKubernetes.LocalPod pod, Container c, String kind, Probe probe)
            throws InterruptedException {
        assertTrue(probe != null && probe.getHttpGet() != null, pod.name() + " has no " + kind + " httpGet probe");
        long budget = (long) probe.getPeriodSeconds() * probe.getFailureThreshold();
        cluster.awaitProbe(pod, c, kind, probe, Duration.ofSeconds(Math.min(Math.max(budget, 60), 180)));
    }

    /** The downward API wiring, end to end: mw.id is the pod name, the advertised URL its pod IP. */
    private static void everyMasterKnowsEveryWorkerAtItsPodAddress(LocalKubernetes cluster) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        cluster.pods().stream().filter(p -> p.spec().getContainers().get(0).getName().equals("worker"))
                .forEach(p -> expected.put(p.name(), "http://" + p.ip() + ":" + Contract.WORKER_PORT));
        HttpClient http = HttpClient.newHttpClient();
        for (LocalKubernetes.LocalPod master : cluster.pods().stream()
                .filter(p -> p.spec().getContainers().get(0).getName().equals("master")).toList()) {
            URI uri = URI.create("http://" + master.ip() + ":" + Contract.MASTER_PORT + "/api/workers");
            Map<String, String> registered = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                registered.clear();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode w : JSON.readTree(response.body())) {
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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
