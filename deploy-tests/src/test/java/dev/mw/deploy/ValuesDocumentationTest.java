package dev.mw.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every value in values.yaml is commented there and described in values.schema.json. */
class ValuesDocumentationTest {

    private final JsonNode schema = readSchema();

    private static JsonNode readSchema() {
        try {
            return new ObjectMapper().readTree(RepoLayout.chart().resolve("values.schema.json").toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyValueHasASchemaEntryWithADescription() {
        List<String> problems = new ArrayList<>();
        walk(Scenario.read(RepoLayout.chart().resolve("values.yaml")), schema, "", problems);
        assertTrue(problems.isEmpty(), "values.schema.json: " + problems);
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, JsonNode node, String path, List<String> problems) {
        if (value instanceof Map<?, ?> map && node.has("properties")) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode childNode = node.get("properties").get(e.getKey());
                if (childNode == null) {
                    problems.add(child + " is not in the schema");
                    continue;
                }
                if (childNode.path("description").asText().isBlank()) {
                    problems.add(child + " has no description");
                }
                walk(e.getValue(), childNode, child, problems);
            }
        } else if (value instanceof List<?> list && node.has("items")) {
            for (Object item : list) {
                walk(item, node.get("items"), path + "[]", problems);
            }
        }
    }

    @Test
    void everySchemaPropertyHasADescription() {
        List<String> missing = new ArrayList<>();
        describe(schema, "", missing);
        assertTrue(missing.isEmpty(), "schema properties without a description: " + missing);
    }

    private static void describe(JsonNode node, String path, List<String> missing) {
        if (node.has("properties")) {
            for (Map.Entry<String, JsonNode> e : node.get("properties").properties()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().path("description").asText().isBlank() && !path.endsWith("[]")) {
                    missing.add(child);
                }
                describe(e.getValue(), child, missing);
            }
        }
        if (node.has("items")) {
            describe(node.get("items"), path + "[]", missing);
        }
    }

    /** A leaf value (or a free-form block such as resources) has a comment line right above its key. */
    @Test
    void everyLeafValueIsCommentedInValuesYaml() throws IOException {
        List<String> lines = Files.readAllLines(RepoLayout.chart().resolve("values.yaml"));
        Deque<Object[]> stack = new ArrayDeque<>(); // {indent, key}
        List<String> uncommented = new ArrayList<>();
        int listIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (listIndent >= 0 && indent > listIndent || trimmed.startsWith("- ")) {
                listIndent = listIndent < 0 ? indent : listIndent;
                continue; // inside a list in values.yaml (e.g. groups): documented with its key
            }
            listIndent = -1;
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                continue;
            }
            while (!stack.isEmpty() && (int) stack.peek()[0] >= indent) {
                stack.pop();
            }
            String key = trimmed.substring(0, colon);
            StringBuilder path = new StringBuilder();
            stack.descendingIterator().forEachRemaining(s -> path.append(s[1]).append('.'));
            path.append(key);
            stack.push(new Object[] {indent, key});
            JsonNode node = schemaAt(path.toString());
            if (node == null) {
                continue; // inside a free-form block: documented by the block's comment
            }
            boolean leafOrFreeForm = !node.has("properties");
            boolean commented = i > 0 && lines.get(i - 1).strip().startsWith("#");
            if (leafOrFreeForm && !commented) {
                uncommented.add(path + " (line " + (i + 1) + ")");
            }
        }
        assertTrue(uncommented.isEmpty(), "values.yaml keys without a comment above: " + uncommented);
    }

    private JsonNode schemaAt(String dotted) {
        JsonNode node = schema;
        for (String key : dotted.split("\\.")) {
            node = node.path("properties").get(key);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
