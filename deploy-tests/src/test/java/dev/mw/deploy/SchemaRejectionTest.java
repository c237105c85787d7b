package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each helm/invalid-values/*.yaml fails to render, with the readable message its first line
 * ("# expect: ...") names: values.schema.json or the chart's own checks reject it.
 */
class SchemaRejectionTest {

    static Stream<Path> invalidValues() throws IOException {
        try (Stream<Path> files = Files.list(RepoLayout.root().resolve("helm/invalid-values"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void isRejectedWithAReadableMessage(Path values) throws IOException {
        String first = Files.readAllLines(values).get(0);
        assertTrue(first.startsWith("# expect: "), values + " must start with '# expect: <message>'");
        String expected = first.substring("# expect: ".length());
        Helm.Result result = Helm.run(List.of("template", Helm.RELEASE, RepoLayout.chart().toString(),
                "-f", values.toString()));
        assertFalse(result.ok(), values + " rendered, but must be rejected");
        assertTrue(result.stderr().contains(expected), values + ": want '" + expected + "' in:\n" + result.stderr());
    }
}
