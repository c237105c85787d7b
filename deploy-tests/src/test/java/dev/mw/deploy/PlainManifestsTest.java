package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/** k8s/ is what scripts/render-k8s.sh makes of the chart today: no drift, no test pods, a placeholder token. */
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

    @Test
    void k8sDirectoryHoldsTheDefaultInstallWithoutHelmTestsAndWithAPlaceholderToken() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : yamlFiles(K8S)) {
            all.append(Files.readString(K8S.resolve(name))).append("\n---\n");
        }
        List<HasMetadata> objects = StrictKubernetesParser.parse(all.toString(), "k8s/");
        Rendered defaults = Scenario.defaults().rendered();
        assertEquals(defaults.objects().size() - defaults.testPods().size(), objects.size(),
                "the default render without the helm test pods");
        Secret secret = (Secret) objects.stream().filter(Secret.class::isInstance).findFirst().orElseThrow();
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")));
        assertTrue(token.startsWith("change-me"), "a placeholder users are told to change: " + token);
        assertTrue(Files.readString(K8S.resolve("README.md")).contains(secret.getMetadata().getName()),
                "k8s/README.md tells how to change the Secret");
        objects.forEach(o -> assertEquals("kubectl", o.getMetadata().getLabels().get("app.kubernetes.io/managed-by")));
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }
}
