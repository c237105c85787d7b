package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/** The Secret, data ConfigMaps, PodDisruptionBudgets, NetworkPolicies and ServiceMonitor. */
class ChartObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aPodDisruptionBudgetExactlyWhereReplicasExceedOne(Scenario scenario) {
        Rendered r = scenario.rendered();
        Map<String, Integer> workloads = new java.util.LinkedHashMap<>();
        Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        workloads.put(r.master().getMetadata().getName(), r.master().getSpec().getReplicas());
        templates.put(r.master().getMetadata().getName(), r.master().getSpec().getTemplate());
        r.workers().forEach(w -> {
            workloads.put(w.getMetadata().getName(), w.getSpec().getReplicas());
            templates.put(w.getMetadata().getName(), w.getSpec().getTemplate());
        });
        workloads.forEach((name, replicas) -> {
            List<PodDisruptionBudget> pdbs = r.pdbs().stream().filter(p -> Rendered.selects(
                    p.getSpec().getSelector().getMatchLabels(), templates.get(name).getMetadata().getLabels())).toList();
            assertEquals(replicas > 1 ? 1 : 0, pdbs.size(), name + " with " + replicas + " replicas");
            pdbs.forEach(p -> assertEquals("AlwaysAllow", p.getSpec().getUnhealthyPodEvictionPolicy(),
                    p.getMetadata().getName() + ": a pod that is not ready never blocks a drain"));
        });
        assertEquals(r.pdbs().size(), workloads.values().stream().filter(n -> n > 1).count(), "no stray PDB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theTokenSecretIsWiredIntoMasterAndEveryWorker(Scenario scenario) throws Exception {
        Rendered r = scenario.rendered();
        assertEquals(Boolean.TRUE, scenario.value("auth.enabled"));
        assertEquals(1, r.secrets().size(), "one Secret: the token");
        Secret secret = r.secrets().get(0);
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
        assertTrue(token.length() >= 16 || token.equals(scenario.value("auth.token")), "a real token");
        Object given = scenario.value("auth.token");
        if (given != null && !given.toString().isEmpty()) {
            assertEquals(given, token, "the token from values");
        }
        String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        List<PodTemplateSpec> pods = new java.util.ArrayList<>();
        pods.add(r.master().getSpec().getTemplate());
        r.workers().forEach(w -> pods.add(w.getSpec().getTemplate()));
        for (PodTemplateSpec pod : pods) {
            Container c = pod.getSpec().getContainers().get(0);
            EnvVar env = Rendered.env(c, "MW_TOKEN").orElseThrow(() -> new AssertionError(c.getName() + " has no MW_TOKEN"));
            assertEquals(secret.getMetadata().getName(), env.getValueFrom().getSecretKeyRef().getName());
            assertEquals("token", env.getValueFrom().getSecretKeyRef().getKey());
            assertEquals(checksum, pod.getMetadata().getAnnotations().get("checksum/token"),
                    c.getName() + " pods roll when the token changes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @SuppressWarnings("unchecked")
    void aGroupsDataSourceIsMountedAsItsDataFile(Scenario scenario) throws Exception {
        Rendered r = scenario.rendered();
        int withData = 0;
        for (Map<String, Object> group : scenario.groups()) {
            String name = (String) group.get("name");
            StatefulSet sts = r.worker(name);
            PodSpec pod = sts.getSpec().getTemplate().getSpec();
            Container c = Rendered.container(sts.getSpec().getTemplate(), "worker");
            Map<String, Object> existing = (Map<String, Object>) group.get("existingConfigMap");
            Map<String, Object> download = (Map<String, Object>) group.get("download");
            Map<String, Object> persistence = (Map<String, Object>) group.get("persistence");
            if (group.get("data") == null && existing == null && download == null && persistence == null) {
                assertTrue(Rendered.env(c, "MW_DATA_FILE").isEmpty(), name + " reads the image's data/data-" + name + ".json");
                assertTrue(((List<String>) scenario.value("worker.imageDataGroups")).contains(name),
                        name + ": the image ships its data file");
                assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty());
                continue;
            }
            String dataFile = Rendered.envValue(c, "MW_DATA_FILE");
            assertEquals("data-" + name + ".json", dataFile.substring(dataFile.lastIndexOf('/') + 1));
            VolumeMount mount = c.getVolumeMounts().stream().filter(m -> dataFile.equals(m.getMountPath() + "/data-" + name + ".json"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + dataFile));
            assertEquals(Boolean.TRUE, mount.getReadOnly(), name + ": the worker only reads its data");
            Optional<Volume> volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst();
            if (group.get("data") != null) {
                withData++;
                ConfigMap cm = r.get(ConfigMap.class, volume.orElseThrow().getConfigMap().getName());
                JsonNode records = JSON.readTree(cm.getData().get("data-" + name + ".json"));
                assertEquals(JSON.valueToTree(group.get("data")), records, name + ": the records from values");
                assertNotNull(sts.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/data"));
            } else if (existing != null) {
                ConfigMapVolumeSource cm = volume.orElseThrow().getConfigMap();
                assertEquals(existing.get("name"), cm.getName(), name + ": the user's ConfigMap");
                assertEquals(1, cm.getItems().size());
                assertEquals(existing.get("key"), cm.getItems().get(0).getKey());
                assertEquals("data-" + name + ".json", cm.getItems().get(0).getPath(), name + ": its key becomes the data file");
            } else {
                checkDownloadAndPersistence(sts, mount, volume, download, persistence, dataFile);
            }
        }
        assertEquals(withData, r.configMaps().size(), "a ConfigMap only for groups with data");
    }

    private static void checkDownloadAndPersistence(StatefulSet sts, VolumeMount mount, Optional<Volume> volume,
            Map<String, Object> download, Map<String, Object> persistence, String dataFile) {
        String name = sts.getMetadata().getName();
        if (persistence != null) {
            assertTrue(volume.isEmpty(), name + ": the data volume is the claim template's, not a pod volume");
            List<PersistentVolumeClaim> claims = sts.getSpec().getVolumeClaimTemplates();
            assertEquals(1, claims.size(), name + " volumeClaimTemplates");
            PersistentVolumeClaim claim = claims.get(0);
            assertEquals(mount.getName(), claim.getMetadata().getName());
            assertEquals(persistence.get("size"), claim.getSpec().getResources().getRequests().get("storage").toString());
            assertEquals(persistence.getOrDefault("accessModes", List.of("ReadWriteOnce")), claim.getSpec().getAccessModes());
            assertEquals(persistence.get("storageClassName"), claim.getSpec().getStorageClassName());
        } else {
            assertNotNull(volume.orElseThrow().getEmptyDir(), name + ": a download without persistence lands in an emptyDir");
            assertTrue(sts.getSpec().getVolumeClaimTemplates() == null || sts.getSpec().getVolumeClaimTemplates().isEmpty());
        }
        List<Container> init = sts.getSpec().getTemplate().getSpec().getInitContainers();
        if (download == null) {
            assertTrue(init == null || init.isEmpty(), name + ": no download without download values");
            return;
        }
        assertEquals(1, init.size(), name + " init containers");
        Container d = init.get(0);
        assertEquals("download", d.getName());
        assertTrue(d.getImage().contains("curl"), d.getImage());
        assertTrue(d.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(mount.getName())
                && m.getMountPath().equals(mount.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly())),
                name + ": the download writes where the worker reads");
        List<String> command = d.getCommand();
        assertEquals(List.of(dataFile, download.get("url"), download.get("sha256")), command.subList(command.size() - 3, command.size()),
                name + ": file, url and sha256 as arguments");
        String script = command.get(2);
        assertTrue(script.contains("curl -fsSL"), "fetches with curl, failing on HTTP errors");
        assertTrue(script.contains("sha256sum \"$file.part\"") && script.contains("!= \"$want\"") && script.contains("exit 1"),
                "checks the downloaded file's sha256 and fails on a mismatch");
        assertTrue(script.contains("[ -f \"$file\" ] && [ \"$(sha256sum \"$file\" | cut -d ' ' -f 1)\" = \"$want\" ]"),
                "skips the download when the file there has the right sha256");
        assertTrue(script.indexOf("mv -f \"$file.part\" \"$file\"") > script.indexOf("!= \"$want\""),
                "the file appears under its name only once checked");
        assertEquals(download.get("sha256"), sts.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/data"),
                name + ": pods roll when the file changes");
        assertNotNull(d.getResources().getLimits().get("memory"), "download memory limit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void networkPoliciesAdmitOnlyTheIntendedPeers(Scenario scenario) {
        Rendered r = scenario.rendered();
        if (!Boolean.TRUE.equals(scenario.value("networkPolicy.enabled"))) {
            assertTrue(r.networkPolicies().isEmpty(), "NetworkPolicy is opt-in");
            return;
        }
        Map<String, String> masters = r.master().getSpec().getTemplate().getMetadata().getLabels();
        NetworkPolicy masterPolicy = policyFor(r, masters);
        assertTrue(admits(masterPolicy, workerLabels(r), "http"), "workers -> master registry");
        for (StatefulSet sts : r.workers()) {
            Map<String, String> labels = sts.getSpec().getTemplate().getMetadata().getLabels();
            NetworkPolicy workerPolicy = policyFor(r, labels);
            assertTrue(admits(workerPolicy, masters, "http"), "master -> " + sts.getMetadata().getName());
            assertFalse(admits(workerPolicy, workerLabels(r), "http"), "workers do not call each other");
            assertTrue(workerPolicy.getSpec().getEgress().stream().anyMatch(e -> e.getPorts().stream()
                    .anyMatch(p -> Integer.valueOf(Contract.MASTER_PORT).equals(p.getPort().getIntVal()))), "worker -> master:8080");
            // a group's download init container runs under the same policy: its URL's port is open
            for (Map<String, Object> group : scenario.groups()) {
                if (group.get("download") instanceof Map<?, ?> download) {
                    java.net.URI url = java.net.URI.create(String.valueOf(download.get("url")));
                    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
                    assertTrue(workerPolicy.getSpec().getEgress().stream().anyMatch(e -> (e.getTo() == null || e.getTo().isEmpty())
                            && e.getPorts().stream().anyMatch(p -> Integer.valueOf(port).equals(p.getPort().getIntVal()))),
                            group.get("name") + ": the download of " + url + " may leave on port " + port);
                }
            }
        }
        assertTrue(masterPolicy.getSpec().getEgress().stream().anyMatch(e -> e.getPorts().stream()
                .anyMatch(p -> Integer.valueOf(Contract.WORKER_PORT).equals(p.getPort().getIntVal()))), "master -> workers:8081");
    }

    private static Map<String, String> workerLabels(Rendered r) {
        return r.workers().get(0).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static NetworkPolicy policyFor(Rendered r, Map<String, String> podLabels) {
        List<NetworkPolicy> policies = r.networkPolicies().stream()
                .filter(p -> Rendered.selects(p.getSpec().getPodSelector().getMatchLabels(), podLabels)).toList();
        assertEquals(1, policies.size(), "one NetworkPolicy selects " + podLabels);
        return policies.get(0);
    }

    private static boolean admits(NetworkPolicy policy, Map<String, String> peerLabels, String port) {
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean portOk = rule.getPorts() == null || rule.getPorts().stream().anyMatch(p -> port.equals(p.getPort().getStrVal()));
            boolean peerOk = rule.getFrom() == null || rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(
                    f -> f.getPodSelector() != null && f.getNamespaceSelector() == null
                            && Rendered.selects(f.getPodSelector().getMatchLabels(), peerLabels));
            if (portOk && peerOk) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theServiceMonitorScrapesEveryPodOnce(Scenario scenario) {
        Rendered r = scenario.rendered();
        if (!Boolean.TRUE.equals(scenario.value("serviceMonitor.enabled"))) {
            assertTrue(r.serviceMonitors().isEmpty(), "ServiceMonitor is opt-in");
            return;
        }
        assertEquals(1, r.serviceMonitors().size());
        ServiceMonitor monitor = r.serviceMonitors().get(0);
        List<Service> scraped = r.services().stream()
                .filter(s -> Rendered.selects(monitor.getSpec().getSelector().getMatchLabels(), Rendered.labels(s))).toList();
        List<String> expected = new java.util.ArrayList<>();
        expected.add(Helm.RELEASE + "-master-headless");
        r.workers().forEach(w -> expected.add(w.getSpec().getServiceName()));
        assertEquals(expected.stream().sorted().toList(), scraped.stream().map(s -> s.getMetadata().getName()).sorted().toList(),
                "one headless Service per pod set, so every pod is scraped once");
        assertEquals("http", monitor.getSpec().getEndpoints().get(0).getPort());
        assertEquals(Contract.METRICS, monitor.getSpec().getEndpoints().get(0).getPath());
    }
}
