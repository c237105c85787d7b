package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Dockerfiles (build context: the repository root) copy files that exist, run as the chart's
 * user 185, expose the contract's port, and the worker's data lands where its default
 * mw.data-file (data/data-<group>.json, relative to the working directory) finds it. An IT:
 * it needs the packaged services.
 */
class DockerfilesIT {

    static final String ENTRYPOINT_SCRIPT = "common/src/main/docker/run-java.sh";

    @ParameterizedTest(name = "{0}/src/main/docker/Dockerfile.{1}")
    @CsvSource({"master,jvm", "master,native", "worker,jvm", "worker,native"})
    void copiesExistingFilesAndRunsAsTheChartsUser(String module, String flavour) throws IOException {
        Path dockerfile = RepoLayout.module(module).resolve("src/main/docker/Dockerfile." + flavour);
        List<Dockerfile.Instruction> instructions = Dockerfile.parse(dockerfile);
        String from = Dockerfile.last(instructions, "FROM");
        if (from.equals("${BASE_IMAGE}")) {
            from = Dockerfile.last(instructions, "ARG").replaceFirst("^BASE_IMAGE=", "");
        }
        assertTrue(from.matches("[\\w./-]+:[\\w.-]+") && !from.endsWith(":latest"), "a pinned public base image: " + from);
        assertEquals("185", Dockerfile.last(instructions, "USER"), "the chart's runAsUser");
        assertEquals(String.valueOf(Contract.port(module)), Dockerfile.last(instructions, "EXPOSE"));
        String workdir = Dockerfile.last(instructions, "WORKDIR").replaceAll("/$", "");
        boolean copiesData = false;
        for (Dockerfile.Instruction copy : instructions.stream().filter(i -> i.keyword().equals("COPY")).toList()) {
            String[] words = copy.args().split("\\s+");
            List<String> paths = Stream.of(words).filter(w -> !w.startsWith("--")).toList();
            String source = paths.get(0);
            String destination = paths.get(paths.size() - 1);
            if (source.equals(ENTRYPOINT_SCRIPT)) {
                assertTrue(Files.isRegularFile(RepoLayout.root().resolve(source)), source);
                assertEquals(workdir + "/run-java.sh", destination, "the entrypoint's place");
                continue;
            }
            if (source.startsWith("data")) {
                copiesData = true;
                assertEquals(workdir + "/data/", destination, "data/ goes where data/data-<group>.json resolves");
                assertTrue(Files.isRegularFile(RepoLayout.root().resolve("data/data-am.json")));
                assertTrue(Files.isRegularFile(RepoLayout.root().resolve("data/data-nz.json")));
                continue;
            }
            assertTrue(source.startsWith(module + "/target/"), source + " must come from " + module + "/target/");
            if (flavour.equals("jvm")) {
                Path path = RepoLayout.root().resolve(source.replace("*.jar", "quarkus-run.jar"));
                assertTrue(Files.exists(path), dockerfile + " copies " + source + ", which does not exist: "
                        + "package the module first (./mvnw package)");
            } else {
                assertEquals(module + "/target/*-runner", source, "the native executable");
            }
        }
        assertEquals(module.equals("worker"), copiesData, module + " image carries data/ only for the worker");
        if (flavour.equals("jvm")) {
            // the project's own entrypoint: it needs only sh and java, so it runs on every base
            assertEquals("[ \"/bin/sh\", \"" + workdir + "/run-java.sh\" ]", Dockerfile.last(instructions, "ENTRYPOINT"));
            assertTrue(Dockerfile.last(instructions, "ENV").startsWith("JAVA_MAX_RAM_PERCENTAGE="),
                    "the heap is a share of the container's memory limit");
            // the start-up cache is made by the base's own java, in the working directory the
            // worker's default data file resolves from, and as root: user 185 cannot write there
            String train = Dockerfile.last(instructions, "RUN");
            assertTrue(train.endsWith("sh " + workdir + "/run-java.sh --train-cache"), "the start-up cache: " + train);
            List<String> order = instructions.stream().map(Dockerfile.Instruction::keyword).toList();
            assertTrue(order.lastIndexOf("WORKDIR") < order.lastIndexOf("RUN")
                    && order.lastIndexOf("RUN") < order.lastIndexOf("USER"), "WORKDIR, then RUN, then USER: " + order);
        }
    }

    /**
     * {@code run-java.sh --train-cache} ends its training run with {@code quarkus.appcds.generate},
     * and Quarkus exits on it only in an application built with its class-data archive: without
     * that build setting the training service never stops, and neither does the image build.
     */
    @ParameterizedTest
    @CsvSource({"master", "worker"})
    void theBuildKeepsWhatEndsTheImagesTrainingRun(String module) throws IOException {
        Path properties = RepoLayout.module(module).resolve("src/main/resources/application.properties");
        assertTrue(Files.readAllLines(properties).contains("quarkus.package.jar.appcds.enabled=true"),
                properties + " must keep quarkus.package.jar.appcds.enabled=true: " + ENTRYPOINT_SCRIPT
                        + " --train-cache needs it to end its training run");
    }

    @Test
    void dockerignoreKeepsWhatTheDockerfilesCopy() throws IOException {
        List<String> patterns = Files.readAllLines(RepoLayout.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(patterns.contains("!" + ENTRYPOINT_SCRIPT), ".dockerignore must keep " + ENTRYPOINT_SCRIPT);
        for (String kept : List.of("data", "master", "worker", "master/target", "worker/target", "**/target",
                "*/target", "**/target/quarkus-app", "master/target/quarkus-app", "worker/target/quarkus-app")) {
            assertFalse(patterns.contains(kept), ".dockerignore must not exclude " + kept);
        }
    }
}
