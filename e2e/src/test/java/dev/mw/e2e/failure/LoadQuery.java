package dev.mw.e2e.failure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.e2e.Person;
import dev.mw.e2e.RepoLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * One query the load sends, with the records each asked group must return: a name query asks its
 * one group, a scatter query (location and/or year) asks every group in declaration order.
 *
 * @param expected group to its expected records (by {@code record_id}), in group order
 * @param filters  name/value pairs, e.g. {@code "location", "Kansas City"}
 */
public record LoadQuery(String label, Map<String, List<Person>> expected, List<String> filters) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUPS = List.of("am", "nz");

    public boolean byName() {
        return hasFilter("name");
    }

    /** {@code allowPartial=false}: a scatter query that wants every group or a 503. */
    public boolean strict() {
        return hasFilter("allowPartial");
    }

    private boolean hasFilter(String key) {
        for (int i = 0; i < filters.size(); i += 2) {
            if (filters.get(i).equals(key)) {
                return true;
            }
        }
        return false;
    }

    public List<String> groups() {
        return List.copyOf(expected.keySet());
    }

    /** The records the master must return when exactly {@code answered} groups answered. */
    public List<Person> expectedFrom(List<String> answered) {
        List<Person> records = new ArrayList<>();
        expected.forEach((group, list) -> {
            if (answered.contains(group)) {
                records.addAll(list);
            }
        });
        return records;
    }

    public String pathAndQuery() {
        StringJoiner query = new StringJoiner("&", "/api/records?", "");
        for (int i = 0; i < filters.size(); i += 2) {
            query.add(encode(filters.get(i)) + "=" + encode(filters.get(i + 1)));
        }
        return query.toString();
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The standard mix, ten queries repeated: three names of group am, three of group nz, three
     * scatter queries and one scatter query with {@code allowPartial=false}. Expected answers come
     * from the shipped data files, so the load checks every record it gets.
     */
    public static List<LoadQuery> standardMix() {
        Map<String, List<Person>> data = new LinkedHashMap<>();
        GROUPS.forEach(group -> data.put(group, read(group)));
        return List.of(
                byName(data, "am", "alice"),
                byName(data, "nz", "zen"),
                scatter(data, p -> p.location().equals("Kansas City"), "location", "Kansas City"),
                byName(data, "am", "bill"),
                byName(data, "nz", "niko"),
                scatter(data, p -> p.location().equals("New York City"), "location", "New York City"),
                byName(data, "am", "grace"),
                byName(data, "nz", "olga"),
                scatter(data, p -> p.year() == 2002, "year", "2002"),
                scatter(data, p -> p.location().equals("Kansas City"), "location", "Kansas City",
                        "allowPartial", "false"));
    }

    private static LoadQuery byName(Map<String, List<Person>> data, String group, String name) {
        List<Person> records = data.get(group).stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(name))
                .sorted(Comparator.comparingInt(Person::recordId))
                .toList();
        if (records.isEmpty()) {
            throw new IllegalStateException("the shipped data of group " + group + " has no " + name);
        }
        return new LoadQuery("name=" + name, Map.of(group, records), List.of("name", name));
    }

    private static LoadQuery scatter(Map<String, List<Person>> data, Predicate<Person> match, String... filters) {
        Map<String, List<Person>> expected = new LinkedHashMap<>();
        data.forEach((group, records) -> expected.put(group, records.stream()
                .filter(match)
                .sorted(Comparator.comparingInt(Person::recordId))
                .toList()));
        StringJoiner label = new StringJoiner("&");
        for (int i = 0; i < filters.length; i += 2) {
            label.add(filters[i] + "=" + filters[i + 1]);
        }
        return new LoadQuery(label.toString(), Collections.unmodifiableMap(expected), List.of(filters));
    }

    private static List<Person> read(String group) {
        try {
            return JSON.readValue(RepoLayout.dataFile(group).toFile(), new TypeReference<List<Person>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RepoLayout.dataFile(group), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
