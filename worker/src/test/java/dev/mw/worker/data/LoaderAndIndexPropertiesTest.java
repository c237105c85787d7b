package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mw.common.records.PersonRecord;

/**
 * Properties over seeded random data files: a valid file loads exactly, record for record; a file
 * with one broken record is refused with a message naming the file and that record's index; and
 * the index answers every filter exactly as a full scan would.
 */
class LoaderAndIndexPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"alice", "Alice", " bob ", "Émile", "zoë", "李", "o'neil", "ANNA", "anna"};
    private static final String[] PLACES = {"Kansas City", "kansas city", "New York City", "Paris", "東京", " Oslo "};

    @TempDir
    Path dir;

    @Test
    void validFilesLoadExactly() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Map<String, Object>> records = randomRecords(random, random.nextInt(60));
            Path file = write(records);
            List<PersonRecord> loaded = RecordLoader.load(file);
            assertEquals(records.size(), loaded.size());
            for (int i = 0; i < records.size(); i++) {
                Map<String, Object> expected = records.get(i);
                PersonRecord actual = loaded.get(i);
                assertEquals(expected.get("record_id"), actual.recordId());
                assertEquals(expected.get("name"), actual.name());
                assertEquals(expected.get("location"), actual.location());
                assertEquals(expected.get("year"), actual.year());
            }
        }
    }

    @Test
    void oneBrokenRecordIsNamedByItsIndex() throws IOException {
        Random random = new Random(11);
        Object[][] breakages = {
            {"year", 10_000}, {"year", -1}, {"year", "2002"}, {"year", 20.5}, {"name", ""}, {"name", 5},
            {"location", "   "}, {"location", null}, {"record_id", "x"}, {"record_id", null},
        };
        for (int round = 0; round < 200; round++) {
            List<Map<String, Object>> records = randomRecords(random, 1 + random.nextInt(40));
            int broken = random.nextInt(records.size());
            Object[] breakage = breakages[random.nextInt(breakages.length)];
            records.get(broken).put((String) breakage[0], breakage[1]);
            Path file = write(records);
            try {
                RecordLoader.load(file);
                fail("loaded a file whose record #" + broken + " has " + breakage[0] + "=" + breakage[1]);
            } catch (DataFileException e) {
                String message = e.getMessage();
                assertTrue(message.contains(file.toString()), message);
                assertTrue(message.contains("record #" + broken + ":"), message);
                assertTrue(message.contains("\"" + breakage[0] + "\""), message);
                assertTrue(!message.contains("\n"), "one line: " + message);
            }
        }
    }

    @Test
    void theIndexAnswersLikeAFullScan() {
        Random random = new Random(13);
        for (int round = 0; round < 100; round++) {
            List<PersonRecord> records = new ArrayList<>();
            for (Map<String, Object> r : randomRecords(random, random.nextInt(200))) {
                records.add(new PersonRecord((Integer) r.get("record_id"), (String) r.get("name"),
                        (String) r.get("location"), (Integer) r.get("year")));
            }
            RecordIndex index = RecordIndex.of(records);
            for (int q = 0; q < 30; q++) {
                String name = random.nextBoolean() ? NAMES[random.nextInt(NAMES.length)].toUpperCase(Locale.ROOT) : null;
                String location = random.nextBoolean() ? PLACES[random.nextInt(PLACES.length)] : null;
                Integer year = random.nextInt(3) == 0 ? 1990 + random.nextInt(5) : null;
                if (name == null && location == null && year == null) {
                    location = "Paris";
                }
                RecordFilter filter = RecordFilter.of(name, location, year);
                List<PersonRecord> scan = records.stream().filter(filter::matches)
                        .sorted(Comparator.comparingInt(PersonRecord::recordId)).toList();
                assertEquals(scan, index.find(filter), filter.toString());
            }
        }
    }

    private static List<Map<String, Object>> randomRecords(Random random, int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        int id = random.nextInt(100) - 50;
        for (int i = 0; i < count; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            id += 1 + random.nextInt(5);
            r.put("record_id", id);
            r.put("name", NAMES[random.nextInt(NAMES.length)] + (random.nextBoolean() ? "" : random.nextInt(3)));
            r.put("location", PLACES[random.nextInt(PLACES.length)]);
            r.put("year", 1990 + random.nextInt(5));
            records.add(r);
        }
        java.util.Collections.shuffle(records, random);
        return records;
    }

    private Path write(List<Map<String, Object>> records) throws IOException {
        Path file = Files.createTempFile(dir, "data-", ".json");
        Files.writeString(file, JSON.writeValueAsString(records));
        return file;
    }
}
