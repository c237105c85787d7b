package dev.mw.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a module's JVM image that are not the packaged service, laid out in a local folder
 * that plays the image's WORKDIR: what Dockerfile.jvm COPYs from outside {@code <module>/target}
 * (the worker's data/) lands where the Dockerfile puts it, relative to the WORKDIR.
 */
record ImageLayout(Path root, String workdir) {

    static ImageLayout of(String module, Path root) {
        try {
            Path dockerfile = RepoLayout.module(module).resolve("src/main/docker/Dockerfile.jvm");
            List<Dockerfile.Instruction> instructions = Dockerfile.parse(dockerfile);
            String workdir = Dockerfile.last(instructions, "WORKDIR").replaceAll("/$", "");
            Files.createDirectories(root);
            for (Dockerfile.Instruction copy : instructions) {
                if (!copy.keyword().equals("COPY")) {
                    continue;
                }
                List<String> paths = Stream.of(copy.args().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                String source = paths.get(0);
                String destination = paths.get(paths.size() - 1);
                if (source.startsWith(module + "/target/")) {
                    continue; // the packaged service: run from its target/quarkus-app
                }
                if (!destination.startsWith(workdir + "/")) {
                    throw new IllegalStateException(dockerfile + " copies " + source + " outside its WORKDIR " + workdir);
                }
                copyTree(RepoLayout.root().resolve(source), root.resolve(destination.substring(workdir.length() + 1)));
            }
            return new ImageLayout(root, workdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An absolute path inside the image's WORKDIR -> the local folder. */
    String translate(String value) {
        return value.startsWith(workdir + "/") ? root.resolve(value.substring(workdir.length() + 1)).toString() : value;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
