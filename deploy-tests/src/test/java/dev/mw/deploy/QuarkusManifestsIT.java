package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The manifests quarkus-kubernetes generates from each service's own configuration
 * ({@code <module>/target/kubernetes/kubernetes.yml}) agree with the Helm chart: the same kind of
 * workload, port, probe paths, and every env var they set is set the same way by the chart. An
 * IT: the manifests are generated when the modules are packaged.
 */
class QuarkusManifestsIT {

    static Rendered generated(String module) throws IOException {
        Path file = RepoLayout.module(module).resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.isRegularFile(file), file + " is missing: package the module first (./mvnw package)");
        return Rendered.parse(Files.readString(file), file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"master", "worker"})
    void generatedManifestsAgreeWithTheChart(String module) throws IOException {
        Rendered quarkus = generated(module);
        Rendered chart = Scenario.defaults().rendered();
        PodTemplateSpec generatedPod;
        PodTemplateSpec chartPod;
        if (module.equals("master")) {
            List<Deployment> deployments = quarkus.all(Deployment.class);
            assertEquals(1, deployments.size(), "quarkus-kubernetes renders the master as a Deployment");
            generatedPod = deployments.get(0).getSpec().getTemplate();
            chartPod = chart.master().getSpec().getTemplate();
        } else {
            List<StatefulSet> statefulSets = quarkus.all(StatefulSet.class);
            assertEquals(1, statefulSets.size(), "quarkus-kubernetes renders the worker as a StatefulSet");
            generatedPod = statefulSets.get(0).getSpec().getTemplate();
            chartPod = chart.worker("am").getSpec().getTemplate();
        }
        Container generatedContainer = generatedPod.getSpec().getContainers().get(0);
        Container chartContainer = Rendered.container(chartPod, module);

        ContainerPort http = generatedContainer.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("generated " + module + " has no http port"));
        assertEquals(Contract.port(module), http.getContainerPort(), "generated port = quarkus.http.port");
        assertEquals(Contract.port(module), ChartWiringTest.resolvePort(chartContainer,
                chartContainer.getReadinessProbe().getHttpGet().getPort()), "chart port");

        Map<String, Probe[]> probes = Map.of(
                "startup", new Probe[] {generatedContainer.getStartupProbe(), chartContainer.getStartupProbe()},
                "readiness", new Probe[] {generatedContainer.getReadinessProbe(), chartContainer.getReadinessProbe()},
                "liveness", new Probe[] {generatedContainer.getLivenessProbe(), chartContainer.getLivenessProbe()});
        probes.forEach((kind, pair) -> {
            assertNotNull(pair[0], "quarkus-kubernetes generated no " + kind + " probe for the " + module);
            assertEquals(pair[0].getHttpGet().getPath(), pair[1].getHttpGet().getPath(), module + " " + kind + " path");
            assertEquals(Contract.HEALTH.get(kind), pair[0].getHttpGet().getPath());
        });

        // the contract's MW_* keys and what they reference, e.g. $(KUBERNETES_POD_IP); not extension extras
        // such as KUBERNETES_NAMESPACE
        String mwValues = generatedContainer.getEnv().stream().filter(e -> e.getName().startsWith("MW_"))
                .map(e -> String.valueOf(e.getValue())).reduce("", String::concat);
        List<EnvVar> compared = generatedContainer.getEnv().stream()
                .filter(e -> e.getName().startsWith("MW_") || mwValues.contains("$(" + e.getName() + ")")).toList();
        assertTrue(compared.stream().anyMatch(e -> e.getName().equals("MW_TOKEN")), "generated MW_TOKEN from the Secret");
        for (EnvVar env : compared) {
            EnvVar inChart = Rendered.env(chartContainer, env.getName()).orElseThrow(() -> new AssertionError(
                    "the chart's " + module + " does not set " + env.getName() + ", which quarkus-kubernetes does"));
            if (env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null) {
                assertEquals(env.getValueFrom().getFieldRef().getFieldPath(),
                        inChart.getValueFrom().getFieldRef().getFieldPath(), env.getName() + " fieldRef");
            } else if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                assertEquals(env.getValueFrom().getSecretKeyRef().getName(), inChart.getValueFrom().getSecretKeyRef().getName());
                assertEquals(env.getValueFrom().getSecretKeyRef().getKey(), inChart.getValueFrom().getSecretKeyRef().getKey());
            } else {
                assertEquals(env.getValue(), inChart.getValue(), env.getName() + " value");
            }
        }
        List<String> names = generatedContainer.getEnv().stream().map(EnvVar::getName).toList();
        if (names.contains("MW_ADVERTISE_URL")) {
            assertTrue(names.indexOf("KUBERNETES_POD_IP") >= 0 && names.indexOf("KUBERNETES_POD_IP") < names.indexOf("MW_ADVERTISE_URL"),
                    "generated: KUBERNETES_POD_IP must come before MW_ADVERTISE_URL for $(KUBERNETES_POD_IP): " + names);
        }
        // quarkus-kubernetes names the local build (mw/<module>:<tag>, what scripts/kind-up.sh builds);
        // the chart defaults to the published ghcr.io/<owner>/master-worker/<module>:<tag>: the same
        // module (last path segment) and tag
        String generatedImage = generatedContainer.getImage().replaceFirst("^docker\\.io/", "");
        String localSuffix = generatedImage.substring(generatedImage.lastIndexOf('/'));
        assertEquals("/" + module + ":" + chartContainer.getImage().replaceFirst(".*:", ""), localSuffix,
                module + " image: module and tag of the generated image");
        assertTrue(chartContainer.getImage().endsWith(localSuffix), module + " image: chart " + chartContainer.getImage()
                + " and generated " + generatedImage + " name the same module and tag");
        assertEquals(Boolean.TRUE, generatedPod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals(chartPod.getSpec().getSecurityContext().getRunAsUser(),
                generatedPod.getSpec().getSecurityContext().getRunAsUser(), "runAsUser");
    }
}
