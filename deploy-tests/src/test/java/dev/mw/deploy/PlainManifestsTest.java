package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** k8s/ is what scripts/render-k8s.sh makes of the chart today: no drift, no test pods, no token Secret. */
class PlainManifestsTest {

    private static final Path K8S = RepoLayout.root().resolve("k8s");

    @Test
    void k8sDirectoryMatchesAFreshRenderOfTheChart(@TempDir Path fresh) throws IOException {
        Helm.binary(); // installs helm into .tools/bin when there is none
        Helm.Result result = Helm.exec(List.of("bash", "scripts/render-k8s.sh", fresh.toString()), RepoLayout.root());
        assertEquals(0, result.exitCode(), "render-k8s.sh failed: " + result.stdout() + result.stderr());
        List<String> expected = yamlFiles(fresh);
        assertEquals(expected, yamlFiles(K8S), "k8s/ files differ from the chart: run scripts/render-k8s.sh");
        for (String name : expected) {
            assertEquals(Files.readString(fresh.resolve(name)), Files.readString(K8S.resolve(name)),
                    "k8s/" + name + " drifted from the chart: run scripts/render-k8s.sh");
        }
    }

    /**
     * k8s/ holds the default install without the helm test pods and without the token Secret: the
     * user creates the Secret once (k8s/README.md), so re-applying k8s/ never resets the token.
     */
    @Test
    void k8sDirectoryHoldsTheDefaultInstallWithoutHelmTestsAndWithoutTheTokenSecret() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : yamlFiles(K8S)) {
            all.append(Files.readString(K8S.resolve(name))).append("\n---\n");
        }
        List<HasMetadata> objects = StrictKubernetesParser.parse(all.toString(), "k8s/");
        Rendered defaults = Scenario.defaults().rendered();
        assertEquals(defaults.objects().size() - defaults.testPods().size() - defaults.secrets().size(), objects.size(),
                "the default render without the helm test pods and the Secret");
        assertTrue(objects.stream().noneMatch(Secret.class::isInstance), "no Secret in k8s/: kubectl apply would reset the token");
        String secretName = Helm.RELEASE + "-token";
        List<Container> containers = new ArrayList<>();
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        assertEquals(3, containers.size(), "master and two worker groups");
        for (Container c : containers) {
            EnvVar token = Rendered.env(c, "MW_TOKEN").orElseThrow(() -> new AssertionError(c.getName() + " has no MW_TOKEN"));
            assertEquals(secretName, token.getValueFrom().getSecretKeyRef().getName(), c.getName() + " reads the user's Secret");
            assertEquals("token", token.getValueFrom().getSecretKeyRef().getKey());
            assertTrue(token.getValueFrom().getSecretKeyRef().getOptional() == null
                    || !token.getValueFrom().getSecretKeyRef().getOptional(), "a missing Secret stops the pod, visibly");
        }
        String readme = Files.readString(K8S.resolve("README.md"));
        assertTrue(readme.contains("kubectl create secret generic " + secretName + " --from-literal=token="),
                "k8s/README.md tells how to create the Secret");
        assertTrue(readme.indexOf("kubectl create secret generic " + secretName) < readme.indexOf("kubectl apply -f k8s/"),
                "k8s/README.md creates the Secret before the first apply");
        objects.forEach(o -> assertEquals("kubectl", o.getMetadata().getLabels().get("app.kubernetes.io/managed-by")));
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }
}
