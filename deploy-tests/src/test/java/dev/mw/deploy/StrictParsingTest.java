package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered document parses strictly with fabric8's model: unknown fields and wrong types fail. */
class StrictParsingTest {

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "helm template with {0} values")
    @MethodSource("scenarios")
    void everyRenderedDocumentIsAValidKubernetesObject(Scenario scenario) {
        Rendered rendered = scenario.rendered();
        assertFalse(rendered.objects().isEmpty(), "nothing rendered for " + scenario);
        rendered.objects().forEach(o -> assertFalse(o.getMetadata().getName().isBlank()));
    }

    static Stream<Path> plainManifests() throws IOException {
        try (Stream<Path> files = Files.list(RepoLayout.root().resolve("k8s"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "k8s/{0}")
    @MethodSource("plainManifests")
    void everyPlainManifestIsAValidKubernetesObject(Path file) throws IOException {
        assertFalse(StrictKubernetesParser.parse(Files.readString(file), file.toString()).isEmpty());
    }

    @Test
    void anUnknownFieldFails() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: c, image: i}]
                """;
        AssertionError error = assertThrows(AssertionError.class, () -> StrictKubernetesParser.parse(yaml, "test"));
        assertTrue(error.getMessage().contains("Deployment.spec.replica"), error.getMessage());
    }

    @Test
    void anUnknownFieldDeepInsideAContainerFails() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                spec:
                  containers:
                    - name: c
                      image: i
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http, pth: /x}}
                """;
        AssertionError error = assertThrows(AssertionError.class, () -> StrictKubernetesParser.parse(yaml, "test"));
        assertTrue(error.getMessage().contains("httpGet.pth"), error.getMessage());
    }

    @Test
    void aWrongTypeFails() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: x}
                spec:
                  containers:
                    - name: c
                      image: i
                      ports: [{name: http, containerPort: "8080"}]
                """;
        assertThrows(AssertionError.class, () -> StrictKubernetesParser.parse(yaml, "test"));
    }

    @Test
    void anUnknownKindFails() {
        String yaml = "apiVersion: v1\nkind: Podd\nmetadata: {name: x}\n";
        AssertionError error = assertThrows(AssertionError.class, () -> StrictKubernetesParser.parse(yaml, "test"));
        assertTrue(error.getMessage().contains("no model class"), error.getMessage());
    }

    @Test
    void aDuplicateKeyFails() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: '1', a: '2'}\n";
        assertThrows(AssertionError.class, () -> StrictKubernetesParser.parse(yaml, "test"));
    }

    @Test
    void aValidObjectParses() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  clusterIP: None
                  selector: {a: b}
                  ports: [{name: http, port: 8080, targetPort: http}]
                """;
        assertEquals(1, StrictKubernetesParser.parse(yaml, "test").size());
    }
}
