package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The chart's wiring agrees with the contract and with itself: ports, probe paths, env names
 * (each a contract key the service knows), mw.groups from the same list as the StatefulSets,
 * Services that select what they should, the worker identity from the downward API.
 */
class ChartWiringTest {

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void containersListenOnTheContractPortsAndProbeTheHealthPaths(Scenario scenario) {
        Rendered r = scenario.rendered();
        checkContainer(r.master().getSpec().getTemplate(), "master");
        r.workers().forEach(w -> checkContainer(w.getSpec().getTemplate(), "worker"));
    }

    private static void checkContainer(PodTemplateSpec template, String component) {
        Container c = Rendered.container(template, component);
        ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(component + " has no port named http"));
        assertEquals(Contract.port(component), http.getContainerPort(), component + " container port");
        assertEquals("TCP", http.getProtocol());
        assertEquals(String.valueOf(http.getContainerPort()), Rendered.envValue(c, "QUARKUS_HTTP_PORT"),
                component + " listens where its container port says");
        Map<String, Probe> probes = Map.of("startup", c.getStartupProbe(), "readiness", c.getReadinessProbe(),
                "liveness", c.getLivenessProbe());
        probes.forEach((kind, probe) -> {
            assertNotNull(probe, component + " has no " + kind + " probe");
            assertEquals(Contract.HEALTH.get(kind), probe.getHttpGet().getPath(), component + " " + kind + " path");
            assertEquals(Contract.port(component), resolvePort(c, probe.getHttpGet().getPort()),
                    component + " " + kind + " port");
        });
    }

    /** A probe's or Service's target port: a number, or the name of a container port. */
    static int resolvePort(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError("container " + c.getName() + " has no port named " + port.getStrVal()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyMwEnvironmentVariableIsAContractKeyTheServiceReads(Scenario scenario) {
        Rendered r = scenario.rendered();
        checkEnv(Rendered.container(r.master().getSpec().getTemplate(), "master"), "master");
        r.workers().forEach(w -> checkEnv(Rendered.container(w.getSpec().getTemplate(), "worker"), "worker"));
    }

    private static void checkEnv(Container c, String component) {
        Map<String, String> byEnv = Contract.keys(component).stream()
                .collect(Collectors.toMap(Contract::envName, k -> k));
        Set<String> seen = new HashSet<>();
        String known = knownKeys(component);
        for (EnvVar env : c.getEnv()) {
            assertTrue(seen.add(env.getName()), component + ": env " + env.getName() + " set twice");
            if (!env.getName().startsWith("MW_")) {
                continue;
            }
            String key = byEnv.get(env.getName());
            assertNotNull(key, component + ": env " + env.getName() + " is no contract key of the " + component
                    + " (" + Contract.keys(component) + ")");
            assertTrue(known.contains(key), component + ": " + key + " (" + env.getName()
                    + ") appears neither in its application.properties nor in its sources");
        }
    }

    /** application.properties plus the main Java sources of a module, to look keys up in. */
    static String knownKeys(String module) {
        Path main = RepoLayout.module(module).resolve("src/main");
        try (Stream<Path> files = Files.walk(main)) {
            StringBuilder text = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties")).toList()) {
                text.append(Files.readString(f)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One value, accessLog, sets the services' own switch (quarkus.http.access-log.enabled) on every pod. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void accessLogFollowsTheOneValue(Scenario scenario) {
        checkAccessLog(scenario.rendered(), String.valueOf(scenario.value("accessLog")));
    }

    /** Off by default, like the services' own default; accessLog=true switches it on in master and workers. */
    @Test
    void accessLogIsOffByDefaultAndTheValueSwitchesItOn() {
        checkAccessLog(Scenario.defaults().rendered(), "false");
        checkAccessLog(Rendered.parse(Helm.template("--set", "accessLog=true"), "helm template (accessLog=true)"), "true");
    }

    private static void checkAccessLog(Rendered r, String expected) {
        assertEquals(expected, Rendered.envValue(Rendered.container(r.master().getSpec().getTemplate(), "master"),
                "QUARKUS_HTTP_ACCESS_LOG_ENABLED"), "master");
        assertFalse(r.workers().isEmpty());
        for (StatefulSet sts : r.workers()) {
            assertEquals(expected, Rendered.envValue(Rendered.container(sts.getSpec().getTemplate(), "worker"),
                    "QUARKUS_HTTP_ACCESS_LOG_ENABLED"), sts.getMetadata().getName());
        }
    }

    /** master.warmup sets the master's mw.warmup (30s by default); empty leaves the master's own default (off). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void warmupFollowsTheValue(Scenario scenario) {
        checkWarmup(scenario.rendered(), String.valueOf(scenario.value("master.warmup")));
    }

    @Test
    void aMasterPodWarmsUpByDefaultAndTheValueSetsOrClearsIt() {
        checkWarmup(Scenario.defaults().rendered(), "30s");
        checkWarmup(Rendered.parse(Helm.template("--set", "master.warmup=2s"), "helm template (master.warmup=2s)"), "2s");
        checkWarmup(Rendered.parse(Helm.template("--set", "master.warmup="), "helm template (master.warmup empty)"), "");
    }

    private static void checkWarmup(Rendered r, String expected) {
        Container master = Rendered.container(r.master().getSpec().getTemplate(), "master");
        assertEquals(expected, Rendered.env(master, "MW_WARMUP").map(EnvVar::getValue).orElse(""), "MW_WARMUP");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void mwGroupsAndTheWorkerStatefulSetsComeFromTheSameGroupsList(Scenario scenario) {
        Rendered r = scenario.rendered();
        List<Map<String, Object>> groups = scenario.groups();
        String expected = groups.stream().map(g -> g.get("name") + "=" + g.get("range")).collect(Collectors.joining(","));
        assertEquals(expected, Rendered.envValue(Rendered.container(r.master().getSpec().getTemplate(), "master"), "MW_GROUPS"));
        assertEquals(groups.size(), r.workers().size(), "one worker StatefulSet per group");
        for (Map<String, Object> group : groups) {
            String name = (String) group.get("name");
            StatefulSet sts = r.worker(name);
            assertEquals(((Number) group.get("replicas")).intValue(), sts.getSpec().getReplicas(), name + " replicas");
            assertEquals(name, Rendered.envValue(Rendered.container(sts.getSpec().getTemplate(), "worker"), "MW_GROUP"));
            // the worker checks its records against the same letters the master routes by
            assertEquals(group.get("range"), Rendered.envValue(Rendered.container(sts.getSpec().getTemplate(), "worker"),
                    "MW_RANGE"), name + " range");
            assertEquals(Helm.RELEASE + "-worker-" + name, sts.getMetadata().getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void workersRegisterAtEveryMasterThroughTheHeadlessService(Scenario scenario) {
        Rendered r = scenario.rendered();
        PodTemplateSpec masterPods = r.master().getSpec().getTemplate();
        for (StatefulSet sts : r.workers()) {
            String url = Rendered.envValue(Rendered.container(sts.getSpec().getTemplate(), "worker"), "MW_MASTER_URL");
            java.net.URI uri = java.net.URI.create(url);
            assertEquals("http", uri.getScheme());
            Service headless = r.get(Service.class, uri.getHost());
            assertEquals("None", headless.getSpec().getClusterIP(), uri.getHost() + " must be headless");
            assertTrue(Rendered.selects(headless.getSpec().getSelector(), masterPods.getMetadata().getLabels()),
                    uri.getHost() + " must select the master pods");
            // headless: the worker connects to the pods directly, so the URL's port is the container's
            assertEquals(Contract.MASTER_PORT, uri.getPort(), "MW_MASTER_URL port");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void workerIdentityAndAdvertiseUrlComeFromTheDownwardApi(Scenario scenario) {
        for (StatefulSet sts : scenario.rendered().workers()) {
            List<EnvVar> env = Rendered.container(sts.getSpec().getTemplate(), "worker").getEnv();
            List<String> names = env.stream().map(EnvVar::getName).toList();
            EnvVar id = env.get(names.indexOf("MW_ID"));
            assertEquals("metadata.name", id.getValueFrom().getFieldRef().getFieldPath(), "mw.id is the pod name");
            EnvVar podIp = env.get(names.indexOf("KUBERNETES_POD_IP"));
            assertEquals("status.podIP", podIp.getValueFrom().getFieldRef().getFieldPath());
            int advertise = names.indexOf("MW_ADVERTISE_URL");
            assertTrue(names.indexOf("KUBERNETES_POD_IP") < advertise, "KUBERNETES_POD_IP must come before MW_ADVERTISE_URL for $(KUBERNETES_POD_IP)");
            assertEquals("http://$(KUBERNETES_POD_IP):" + Contract.WORKER_PORT, env.get(advertise).getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void servicesSelectTheirPodsAndTargetTheHttpPort(Scenario scenario) {
        Rendered r = scenario.rendered();
        PodTemplateSpec masterPods = r.master().getSpec().getTemplate();
        List<Service> masterServices = r.servicesSelecting(masterPods);
        assertEquals(2, masterServices.size(), "a client Service and a headless Service select the masters");
        Service client = masterServices.stream().filter(s -> !"None".equals(s.getSpec().getClusterIP())).findFirst()
                .orElseThrow(() -> new AssertionError("no client (non-headless) Service for the master"));
        for (Service s : masterServices) {
            s.getSpec().getPorts().forEach(p -> assertEquals(Contract.MASTER_PORT,
                    resolvePort(Rendered.container(masterPods, "master"), p.getTargetPort()), s.getMetadata().getName()));
        }
        for (StatefulSet sts : r.workers()) {
            Service headless = r.get(Service.class, sts.getSpec().getServiceName());
            assertEquals("None", headless.getSpec().getClusterIP());
            assertTrue(Rendered.selects(headless.getSpec().getSelector(), sts.getSpec().getTemplate().getMetadata().getLabels()));
            assertEquals(List.of(headless), r.servicesSelecting(sts.getSpec().getTemplate()), "only its own headless Service");
            headless.getSpec().getPorts().forEach(p -> assertEquals(Contract.WORKER_PORT,
                    resolvePort(Rendered.container(sts.getSpec().getTemplate(), "worker"), p.getTargetPort())));
            assertTrue(Rendered.selects(sts.getSpec().getSelector().getMatchLabels(),
                    sts.getSpec().getTemplate().getMetadata().getLabels()), "StatefulSet selector");
        }
        int clientPort = client.getSpec().getPorts().get(0).getPort();
        r.testPods().forEach(p -> {
            List<String> args = p.getSpec().getContainers().get(0).getCommand();
            java.net.URI uri = java.net.URI.create(args.get(4));
            assertEquals(client.getMetadata().getName(), uri.getHost(), p.getMetadata().getName() + " queries the client Service");
            assertEquals(clientPort, uri.getPort(), p.getMetadata().getName() + " uses the Service port");
        });
    }

    /**
     * The workers register through the headless Service, which lists masters that are not ready
     * yet (a master turns ready only once every group has a worker); clients use the client
     * Service, which lists ready masters only.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void workersReachUnreadyMastersClientsOnlyReadyOnes(Scenario scenario) {
        Rendered r = scenario.rendered();
        Service headless = r.get(Service.class, Helm.RELEASE + "-master-headless");
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses(),
                "the registration Service publishes masters that are not ready yet");
        Service client = r.get(Service.class, Helm.RELEASE + "-master");
        assertTrue(client.getSpec().getPublishNotReadyAddresses() == null
                || !client.getSpec().getPublishNotReadyAddresses(), "the client Service lists ready masters only");
        assertEquals("true", Rendered.envValue(Rendered.container(r.master().getSpec().getTemplate(), "master"),
                "MW_REGISTRY_VERIFY_SOURCE"), "mw.registry.verify-source is on: workers advertise their pod IP");
    }

    /**
     * The helm test pods: the groups listing always; the name and location queries with the seed
     * answers when no group brings its own data (and tests.seedChecks), else with tests.expect's,
     * else not at all. Record queries pass allowPartial=false, so a master that lacks a group fails.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void helmTestsCheckTheAnswersTheValuesPromise(Scenario scenario) {
        Rendered r = scenario.rendered();
        boolean ownData = scenario.groups().stream().anyMatch(g -> g.get("data") != null
                || g.get("existingConfigMap") != null || g.get("download") != null || g.get("persistence") != null);
        boolean seed = !ownData && Boolean.TRUE.equals(scenario.value("tests.seedChecks"));
        String name = seed ? "alice" : String.valueOf(scenario.value("tests.expect.name"));
        String location = seed ? "Kansas City" : String.valueOf(scenario.value("tests.expect.location"));
        Map<String, List<String>> byTest = r.testPods().stream().collect(Collectors.toMap(
                p -> p.getMetadata().getName().replace(Helm.RELEASE + "-test-", ""),
                p -> p.getSpec().getContainers().get(0).getCommand()));
        assertTrue(byTest.containsKey("groups"), "the groups listing always runs: " + byTest.keySet());
        for (Map<String, Object> group : scenario.groups()) {
            assertTrue(byTest.get("groups").contains("1:\"name\":\"" + group.get("name") + "\",\"range\":\"" + group.get("range") + "\""),
                    "groups test checks " + group.get("name"));
        }
        checkQueryTest(byTest.get("name-query"), seed || !name.isEmpty(), "name=" + name.replace(" ", "%20"),
                seed ? "1:{\"record_id\":2,\"name\":\"alice\",\"location\":\"New York City\",\"year\":2002}"
                        : scenario.value("tests.expect.nameRecords") + ":\"name\":\"" + name + "\"");
        checkQueryTest(byTest.get("scatter-query"), seed || !location.isEmpty(), "location=" + location.replace(" ", "%20"),
                (seed ? 6 : scenario.value("tests.expect.locationRecords")) + ":\"location\":\"" + location + "\"");
        assertEquals(1 + (seed || !name.isEmpty() ? 1 : 0) + (seed || !location.isEmpty() ? 1 : 0), r.testPods().size(),
                "test pods " + byTest.keySet());
    }

    private static void checkQueryTest(List<String> command, boolean expected, String query, String check) {
        if (!expected) {
            assertEquals(null, command, "no query test without expected answers");
            return;
        }
        assertNotNull(command, "a query test for " + query);
        assertTrue(command.get(4).endsWith("/api/records?" + query + "&allowPartial=false"), command.get(4));
        assertTrue(command.contains(check), "checks " + check + " in " + command);
        assertTrue(command.contains("1:\"partial\":false"), "checks the answer is not partial");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void imagesPreStopAndGracePeriod(Scenario scenario) {
        Rendered r = scenario.rendered();
        List<PodTemplateSpec> templates = new java.util.ArrayList<>();
        templates.add(r.master().getSpec().getTemplate());
        r.workers().forEach(w -> templates.add(w.getSpec().getTemplate()));
        for (PodTemplateSpec t : templates) {
            Container c = t.getSpec().getContainers().get(0);
            assertEquals("IfNotPresent", c.getImagePullPolicy());
            assertEquals("ghcr.io/master-worker/master-worker/" + c.getName() + ":0.1.0", c.getImage(),
                    "default image of the " + c.getName() + ": the one release.yml publishes");
            int sleep = c.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
            long stop = sleep + shutdownSeconds(c.getName(), "quarkus.shutdown.delay")
                    + shutdownSeconds(c.getName(), "quarkus.shutdown.timeout");
            assertTrue(sleep > 0 && stop <= t.getSpec().getTerminationGracePeriodSeconds(),
                    c.getName() + ": preStop sleep " + sleep + "s + shutdown delay + timeout = " + stop
                            + "s must fit in the grace period " + t.getSpec().getTerminationGracePeriodSeconds() + "s");
            assertNotNull(c.getResources().getRequests().get("memory"), "memory request");
            assertNotNull(c.getResources().getLimits().get("memory"), "memory limit");
        }
    }

    /** A quarkus.shutdown.* duration (like 5s or 500ms) from a module's application.properties, rounded up; 0 when unset. */
    static long shutdownSeconds(String module, String key) {
        Path file = RepoLayout.module(module).resolve("src/main/resources/application.properties");
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith(key + "=")) {
                    String v = l.substring(key.length() + 1).strip();
                    if (v.endsWith("ms")) {
                        return (Long.parseLong(v.substring(0, v.length() - 2)) + 999) / 1000;
                    }
                    return Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
