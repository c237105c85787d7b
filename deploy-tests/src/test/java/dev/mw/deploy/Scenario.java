package dev.mw.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A values set the chart is rendered with: the defaults or one of helm/master-worker/ci/*.yaml.
 * Knows the effective values (chart defaults merged with the file, as Helm merges them: maps
 * deep, lists replaced) and caches its render, also written to deploy-tests/target/k8s-render.
 */
record Scenario(String name, Path valuesFile) {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, Rendered> RENDERS = new ConcurrentHashMap<>();

    /** The defaults first, then every ci/ values file. */
    static List<Scenario> all() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("default", null));
        try (Stream<Path> files = Files.list(RepoLayout.chart().resolve("ci"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> scenarios.add(new Scenario(f.getFileName().toString().replace(".yaml", ""), f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scenarios;
    }

    static Scenario defaults() {
        return all().get(0);
    }

    Rendered rendered() {
        return RENDERS.computeIfAbsent(name, n -> {
            String yaml = Helm.template(valuesFile);
            try {
                Path out = RepoLayout.target().resolve("k8s-render").resolve(n + ".yaml");
                Files.createDirectories(out.getParent());
                Files.writeString(out, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Rendered.parse(yaml, "helm template (" + n + ")");
        });
    }

    /** The effective values of this scenario. */
    Map<String, Object> values() {
        Map<String, Object> values = read(RepoLayout.chart().resolve("values.yaml"));
        if (valuesFile != null) {
            merge(values, read(valuesFile));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups() {
        return (List<Map<String, Object>>) values().get("groups");
    }

    @SuppressWarnings("unchecked")
    Object value(String dottedPath) {
        Object node = values();
        for (String key : dottedPath.split("\\.")) {
            node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return node;
    }

    static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            return map == null ? new LinkedHashMap<>() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && base.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                base.put(key, value);
            }
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
