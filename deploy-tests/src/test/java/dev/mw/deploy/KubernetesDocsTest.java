package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the Kubernetes docs tell a user works as written: installs use images someone built or
 * published, no second port-forward on the port kind-up.sh holds, the prerequisites are named,
 * JVM options are added to the image's, and the example data server is what scenario 06 fetches from.
 */
class KubernetesDocsTest {

    private static final Pattern CODE = Pattern.compile("```(?:sh|bash)\\n(.*?)```", Pattern.DOTALL);

    private static String read(String path) throws IOException {
        return Files.readString(RepoLayout.root().resolve(path));
    }

    /** The shell code blocks of a Markdown text, each as its commands (continuation lines joined). */
    private static List<String> commands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher m = CODE.matcher(markdown);
        while (m.find()) {
            for (String line : m.group(1).replace("\\\n", " ").split("\n")) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The quick starts that build: their helm install points at the images just built (the chart defaults to GHCR's). */
    @Test
    void everyInstallOfTheLocalChartUsesImagesBuiltJustBefore() throws IOException {
        Map<String, String> quickStarts = Map.of(
                "helm/master-worker/README.md ## Quick start", section(read("helm/master-worker/README.md"), "## Quick start"),
                "docs/kubernetes.md ## kind", section(read("docs/kubernetes.md"), "## kind"),
                "docs/kubernetes.md ## minikube", section(read("docs/kubernetes.md"), "## minikube"));
        int installs = 0;
        for (Map.Entry<String, String> e : quickStarts.entrySet()) {
            String doc = e.getKey();
            for (String command : commands(e.getValue())) {
                if (command.matches("helm (upgrade --install|install) \\S+ helm/master-worker.*")) {
                    installs++;
                    for (String component : List.of("master", "worker")) {
                        assertTrue(command.contains("--set " + component + ".image.repository=mw/" + component)
                                        && command.contains(component + ".image.tag=\"$tag\"")
                                        && command.contains(component + ".image.registry="),
                                doc + ": '" + command + "' must install the " + component + " image built before it, under its tag");
                    }
                }
            }
        }
        assertEquals(2, installs, "the chart README's and minikube's by-hand installs");
    }

    @Test
    void thePublishedChartIsTheChartReadmesSecondWay() throws IOException {
        String readme = read("helm/master-worker/README.md");
        String quickStart = section(readme, "## Quick start");
        int kindUp = quickStart.indexOf("scripts/kind-up.sh");
        int published = quickStart.indexOf("helm install master-worker oci://ghcr.io/");
        assertTrue(kindUp >= 0 && published > kindUp, "quick start: first build and load (kind-up.sh), then the published chart");
        String version = Scenario.read(RepoLayout.chart().resolve("Chart.yaml")).get("version").toString();
        assertTrue(quickStart.contains("--version " + version), "the published chart at the chart's version " + version);
    }

    @Test
    void noSecondPortForwardOnThePortKindUpHolds() throws IOException {
        List<String> sections = List.of(
                section(read("docs/kubernetes.md"), "## kind"),
                section(read("README.md"), "## Running on Kubernetes"),
                section(read("helm/master-worker/README.md"), "## Quick start"));
        for (String text : sections) {
            List<String> commands = commands(text);
            int kindUp = commands.indexOf("scripts/kind-up.sh");
            if (kindUp < 0) {
                kindUp = commands.stream().filter(c -> c.startsWith("scripts/kind-up.sh")).findFirst().map(commands::indexOf).orElse(-1);
            }
            assertTrue(kindUp >= 0, "the section runs scripts/kind-up.sh: " + text.lines().findFirst().orElse(""));
            // the commands right after kind-up.sh (up to the next block that does not build by hand) must not forward 8080 again
            for (String command : commands.subList(kindUp + 1, Math.min(commands.size(), kindUp + 6))) {
                if (command.startsWith("./mvnw")) {
                    break; // a by-hand install follows: its own port-forward is the only one
                }
                assertFalse(!command.startsWith("#") && command.contains("port-forward"),
                        "kind-up.sh already holds the port-forward: " + command);
            }
            assertTrue(text.contains("port-forward"), "the section says kind-up.sh keeps the port-forward");
        }
    }

    @Test
    void theKindAndMinikubeSectionsNameEveryPrerequisite() throws IOException {
        String docs = read("docs/kubernetes.md");
        String kind = section(docs, "## kind");
        for (String needed : List.of("Docker", "4 GiB", "kind v0.23.0", "1.30", "JDK 17", "network access", "kind-master-worker",
                "kubernetes-sigs/kind#3795", "brew install kind", "choco install kind")) {
            assertTrue(kind.contains(needed), "docs/kubernetes.md ## kind must mention " + needed);
        }
        String minikube = section(docs, "## minikube");
        for (String needed : List.of("4 GiB", "1.30", "JDK 17", "Docker", "network access", "current context")) {
            assertTrue(minikube.contains(needed), "docs/kubernetes.md ## minikube must mention " + needed);
        }
        String readme = section(read("README.md"), "## Running on Kubernetes");
        for (String needed : List.of("Docker", "4 GiB", "kind v0.23.0", "JDK 17", "network access", "kind-master-worker")) {
            assertTrue(readme.contains(needed), "README ## Running on Kubernetes must mention " + needed);
        }
        // the memory estimate rests on the chart's limits: 1 master + 4 workers (the defaults)
        assertTrue(kind.contains("512 MiB") && kind.contains("4 × 384 MiB"), "the estimate names the limits it adds up");
        Map<String, Object> values = Scenario.defaults().values();
        assertEquals("512Mi", Scenario.defaults().value("master.resources.limits.memory"),
                "master limit changed: update the memory estimate in docs/kubernetes.md");
        assertEquals("384Mi", Scenario.defaults().value("worker.resources.limits.memory"),
                "worker limit changed: update the memory estimate in docs/kubernetes.md");
        assertEquals(4, Scenario.defaults().groups().stream().mapToInt(g -> ((Number) g.get("replicas")).intValue()).sum(),
                "worker count changed: update the memory estimate; " + values.keySet());
    }

    @Test
    void jvmOptionsAreAppendedToTheImagesNotReplacingThem() throws IOException {
        for (String doc : List.of("helm/master-worker/values.yaml", "helm/master-worker/README.md", "docs/kubernetes.md", "README.md")) {
            String text = read(doc);
            assertFalse(Pattern.compile("JAVA_OPTS(?!_APPEND)|JAVA_OPTIONS|JDK_JAVA_OPTIONS|JAVA_TOOL_OPTIONS").matcher(text).find(),
                    doc + " must not tell users to set a variable that replaces the image's JVM options");
            if (text.contains("JAVA_OPTS_APPEND")) {
                assertTrue(text.contains("after") && text.contains("default"),
                        doc + ": say JAVA_OPTS_APPEND comes after the image's defaults");
            }
        }
        for (HasMetadata o : Scenario.defaults().rendered().objects()) {
            assertFalse(o.toString().contains("JAVA_OPTS"), o.getMetadata().getName() + ": the chart sets no JVM options itself");
        }
    }

    @Test
    void theExampleDataServerIsWhereScenarioSixDownloadsFrom() throws IOException {
        List<HasMetadata> objects = StrictKubernetesParser.parse(read("helm/examples/data-server.yaml"), "helm/examples/data-server.yaml");
        Service service = (Service) objects.stream().filter(Service.class::isInstance).findFirst().orElseThrow();
        Deployment server = (Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
        assertTrue(Rendered.selects(service.getSpec().getSelector(), server.getSpec().getTemplate().getMetadata().getLabels()));
        assertEquals(80, service.getSpec().getPorts().get(0).getPort());
        Path scenario = RepoLayout.chart().resolve("ci/06-download-pvc-values.yaml");
        String prefix = "http://" + service.getMetadata().getName() + ".default.svc.cluster.local/";
        for (Map<String, Object> group : new Scenario("06", scenario).groups()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) group.get("download");
            assertEquals(prefix + "data-" + group.get("name") + ".json", download.get("url"));
            assertEquals(sha256(RepoLayout.root().resolve("data/data-" + group.get("name") + ".json")), download.get("sha256"),
                    "scenario 06 serves the repository's data file of " + group.get("name"));
        }
        assertTrue(server.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
