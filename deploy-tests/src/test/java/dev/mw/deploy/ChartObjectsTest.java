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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
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
    void aGroupsOwnRecordsAreMountedAsItsDataFile(Scenario scenario) throws Exception {
        Rendered r = scenario.rendered();
        int withData = 0;
        for (Map<String, Object> group : scenario.groups()) {
            String name = (String) group.get("name");
            StatefulSet sts = r.worker(name);
            Container c = Rendered.container(sts.getSpec().getTemplate(), "worker");
            if (group.get("data") == null) {
                assertTrue(Rendered.env(c, "MW_DATA_FILE").isEmpty(), name + " reads the image's data/data-" + name + ".json");
                continue;
            }
            withData++;
            String dataFile = Rendered.envValue(c, "MW_DATA_FILE");
            VolumeMount mount = c.getVolumeMounts().stream().filter(m -> dataFile.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + dataFile));
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            String configMapName = sts.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow()
                    .getConfigMap().getName();
            ConfigMap cm = r.get(ConfigMap.class, configMapName);
            String key = dataFile.substring(mount.getMountPath().length() + 1);
            assertNotNull(cm.getData().get(key), configMapName + " has no key " + key);
            JsonNode records = JSON.readTree(cm.getData().get(key));
            assertEquals(JSON.valueToTree(group.get("data")), records, name + ": the records from values");
            assertNotNull(sts.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/data"));
        }
        assertEquals(withData, r.configMaps().size(), "a ConfigMap only for groups with data");
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
