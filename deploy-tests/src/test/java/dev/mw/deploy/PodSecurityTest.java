package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Every pod the chart renders passes the "restricted" Pod Security Standard, and the master and
 * worker containers get an emptyDir at /tmp (their root file system is read-only).
 */
class PodSecurityTest {

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPodIsRestricted(Scenario scenario) {
        Rendered rendered = scenario.rendered();
        Map<String, PodSpec> pods = new java.util.LinkedHashMap<>();
        rendered.all(Deployment.class).forEach(d -> pods.put("Deployment " + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec()));
        rendered.all(StatefulSet.class).forEach(s -> pods.put("StatefulSet " + s.getMetadata().getName(),
                s.getSpec().getTemplate().getSpec()));
        rendered.testPods().forEach(p -> pods.put("Pod " + p.getMetadata().getName(), p.getSpec()));
        assertFalse(pods.isEmpty());
        pods.forEach((where, spec) -> {
            List<String> violations = restrictedViolations(spec);
            assertTrue(violations.isEmpty(), scenario + ": " + where + " violates the restricted profile: " + violations);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void serviceContainersHaveATmpEmptyDirAndNoServiceAccountToken(Scenario scenario) {
        Rendered rendered = scenario.rendered();
        List<PodSpec> specs = new ArrayList<>();
        specs.add(rendered.master().getSpec().getTemplate().getSpec());
        rendered.workers().forEach(w -> specs.add(w.getSpec().getTemplate().getSpec()));
        for (PodSpec spec : specs) {
            assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken());
            Container container = spec.getContainers().get(0);
            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no /tmp mount"));
            Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                    .orElseThrow();
            assertNotNull(volume.getEmptyDir(), "/tmp must be an emptyDir");
            assertEquals(185L, spec.getSecurityContext().getRunAsUser(), "the UBI images' user");
        }
    }

    /** The checks of the restricted (and baseline) Pod Security Standard that a pod spec can fail. */
    static List<String> restrictedViolations(PodSpec spec) {
        List<String> v = new ArrayList<>();
        PodSecurityContext pod = spec.getSecurityContext();
        if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
                || Boolean.TRUE.equals(spec.getHostIPC())) {
            v.add("host namespaces");
        }
        for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            boolean allowed = volume.getEmptyDir() != null || volume.getConfigMap() != null || volume.getSecret() != null
                    || volume.getProjected() != null || volume.getDownwardAPI() != null
                    || volume.getPersistentVolumeClaim() != null || volume.getEphemeral() != null
                    || volume.getCsi() != null;
            if (!allowed) {
                v.add("volume " + volume.getName() + " of a type the restricted profile forbids");
            }
        }
        boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        boolean podSeccomp = pod != null && pod.getSeccompProfile() != null
                && List.of("RuntimeDefault", "Localhost").contains(pod.getSeccompProfile().getType());
        if (pod != null && pod.getRunAsUser() != null && pod.getRunAsUser() == 0L) {
            v.add("pod runAsUser 0");
        }
        List<Container> containers = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        for (Container c : containers) {
            SecurityContext sc = c.getSecurityContext();
            String n = "container " + c.getName() + ": ";
            if (sc == null) {
                v.add(n + "no securityContext");
                continue;
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                v.add(n + "allowPrivilegeEscalation must be false");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                v.add(n + "privileged");
            }
            if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")) {
                v.add(n + "capabilities must drop ALL");
            }
            if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
                    && sc.getCapabilities().getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
                v.add(n + "adds capabilities other than NET_BIND_SERVICE");
            }
            if (!podNonRoot && !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
                v.add(n + "runAsNonRoot must be true (pod or container)");
            }
            if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0L) {
                v.add(n + "runAsUser 0");
            }
            boolean seccomp = sc.getSeccompProfile() != null
                    && List.of("RuntimeDefault", "Localhost").contains(sc.getSeccompProfile().getType());
            if (!podSeccomp && !seccomp) {
                v.add(n + "seccompProfile RuntimeDefault or Localhost (pod or container)");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                v.add(n + "readOnlyRootFilesystem (this project's hardening)");
            }
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                v.add(n + "hostPort");
            }
        }
        return v;
    }
}
