package dev.mw.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mw.common.records.PersonRecord;

class RecordLoaderTest {

    private static final String ALICE = "{\"record_id\": 2, \"name\": \"alice\", \"location\": \"New York City\", \"year\": 2002}";
    private static final String BILL = "{\"record_id\": 4, \"name\": \"bill\", \"location\": \"Kansas City\", \"year\": 2002}";

    @TempDir
    Path dir;

    @Test
    void loadsAValidFileInFileOrder() throws IOException {
        List<PersonRecord> records = RecordLoader.load(write("[" + BILL + ",\n" + ALICE + "]"));

        assertEquals(List.of(
                new PersonRecord(4, "bill", "Kansas City", 2002),
                new PersonRecord(2, "alice", "New York City", 2002)), records);
    }

    @Test
    void loadsAnEmptyArray() throws IOException {
        assertEquals(List.of(), RecordLoader.load(write("[]")));
    }

    @Test
    void skipsFieldsARecordDoesNotHave() throws IOException {
        String extra = "{\"record_id\": 1, \"note\": {\"a\": [1, 2]}, \"name\": \"a\", \"location\": \"b\", \"year\": 0}";

        assertEquals(List.of(new PersonRecord(1, "a", "b", 0)), RecordLoader.load(write("[" + extra + "]")));
    }

    @Test
    void loadsTheShippedFiles() {
        List<PersonRecord> am = RecordLoader.load(Path.of("../data/data-am.json"));
        List<PersonRecord> nz = RecordLoader.load(Path.of("../data/data-nz.json"));

        assertTrue(am.contains(new PersonRecord(12, "deep", "Kansas City", 2022)));
        assertTrue(nz.contains(new PersonRecord(14, "niko", "Kansas City", 2001)));
    }

    @Test
    void aRecordOutsideTheRangeIsADataErrorNamingIt() throws IOException {
        String zoe = "{\"record_id\": 9, \"name\": \"Zoë\", \"location\": \"Oslo\", \"year\": 2001}";
        Path file = write("[" + ALICE + ",\n" + BILL + ",\n" + zoe + "]");

        DataFileException e = assertThrows(DataFileException.class,
                () -> RecordLoader.load(file, OwnedLetters.parse("a-m")));

        assertEquals("record #2: record_id 9, name \"Zoë\" is not in this worker's range a-m (mw.range):"
                + " the master never routes its name here", e.problem());
    }

    @Test
    void recordsInsideTheRangeLoad() throws IOException {
        String emile = "{\"record_id\": 7, \"name\": \"Émile\", \"location\": \"Paris\", \"year\": 1999}";
        List<PersonRecord> records = RecordLoader.load(write("[" + ALICE + "," + emile + "]"), OwnedLetters.parse("a-m"));

        assertEquals(2, records.size());
        assertEquals(8, RecordLoader.load(Path.of("../data/data-am.json"), OwnedLetters.parse("a-m")).size());
        assertEquals(8, RecordLoader.load(Path.of("../data/data-nz.json"), OwnedLetters.parse("n-z")).size());
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.json");

        DataFileException e = assertThrows(DataFileException.class, () -> RecordLoader.load(missing));

        assertEquals("Cannot load data file " + missing + ": file not found", e.getMessage());
    }

    @Test
    void directoryInsteadOfAFile() {
        assertEquals("is a directory, not a file", problemOf(dir));
    }

    @Test
    void emptyFile() throws IOException {
        assertEquals("file is empty, expected a JSON array of records", problemOf(write("")));
    }

    @Test
    void notJson() throws IOException {
        String problem = problemOf(write("this is not json"));

        assertTrue(problem.startsWith("not valid JSON at line 1, column "), problem);
        assertTrue(problem.contains("Unrecognized token 'this'"), problem);
    }

    @Test
    void brokenJsonInsideARecordNamesTheRecordAndPosition() throws IOException {
        String problem = problemOf(write("[\n" + ALICE + ",\n" + BILL + ",\n{\"record_id\": 5,, \"name\": \"x\"}\n]"));

        assertTrue(problem.startsWith("record #2: not valid JSON at line 4, column 17: "), problem);
    }

    @Test
    void truncatedFile() throws IOException {
        String problem = problemOf(write("[" + ALICE + ", {\"record_id\": 5"));

        assertTrue(problem.startsWith("record #1: not valid JSON at line 1, column "), problem);
    }

    @Test
    void notAnArray() throws IOException {
        assertEquals("expected a JSON array of records, found an object", problemOf(write(ALICE)));
        assertEquals("expected a JSON array of records, found \"records\"", problemOf(write("\"records\"")));
    }

    @Test
    void contentAfterTheArray() throws IOException {
        assertEquals("unexpected content after the array at line 1, column 4", problemOf(write("[] []")));
    }

    @Test
    void recordThatIsNotAnObject() throws IOException {
        assertEquals("record #1: expected an object, found 42", problemOf(write("[" + ALICE + ", 42]")));
        assertEquals("record #0: expected an object, found an array", problemOf(write("[[1]]")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "record_id | \"7\"        | '\"record_id\" must be a 32-bit integer, was \"7\"'",
        "record_id | 7.5          | '\"record_id\" must be a 32-bit integer, was 7.5'",
        "record_id | 99999999999  | '\"record_id\" must be a 32-bit integer, was 99999999999'",
        "record_id | null         | '\"record_id\" must be a 32-bit integer, was null'",
        "name      | \"\"         | '\"name\" must be a non-empty string, was \"\"'",
        "name      | \"   \"      | '\"name\" must be a non-empty string, was \"   \"'",
        "name      | 12           | '\"name\" must be a non-empty string, was 12'",
        "name      | null         | '\"name\" must be a non-empty string, was null'",
        "location  | \"\"         | '\"location\" must be a non-empty string, was \"\"'",
        "location  | [\"x\"]      | '\"location\" must be a non-empty string, was an array'",
        "location  | true         | '\"location\" must be a non-empty string, was true'",
        "year      | 12000        | '\"year\" must be an integer 0..9999, was 12000'",
        "year      | -1           | '\"year\" must be an integer 0..9999, was -1'",
        "year      | 2002.0       | '\"year\" must be an integer 0..9999, was 2002.0'",
        "year      | \"2002\"     | '\"year\" must be an integer 0..9999, was \"2002\"'",
        "year      | {}           | '\"year\" must be an integer 0..9999, was an object'",
    })
    void invalidField(String field, String value, String expected) throws IOException {
        String record = ALICE.replaceFirst("\"" + field + "\": (\"[^\"]*\"|[0-9]+)", "\"" + field + "\": " + value);

        assertEquals("record #1: " + expected, problemOf(write("[" + BILL + ", " + record + "]")));
    }

    @ParameterizedTest
    @CsvSource({ "record_id", "name", "location", "year" })
    void missingField(String field) throws IOException {
        String record = ALICE.replaceFirst("\"" + field + "\": (\"[^\"]*\"|[0-9]+),? ?", "").replace(", }", "}");

        assertEquals("record #0: \"" + field + "\" is missing", problemOf(write("[" + record + "]")));
    }

    @Test
    void fieldGivenTwice() throws IOException {
        String record = ALICE.replace("}", ", \"year\": 2003}");

        assertEquals("record #0: \"year\" appears twice", problemOf(write("[" + record + "]")));
    }

    @Test
    void duplicateRecordIdNamesBothRecords() throws IOException {
        String again = BILL.replace("bill", "bob");
        String other = ALICE.replace("\"record_id\": 2", "\"record_id\": 9");

        assertEquals("record #3: duplicate record_id 4 (also record #1)",
                problemOf(write("[" + ALICE + ", " + BILL + ", " + other + ", " + again + ", " + again + "]")));
    }

    @Test
    void messageIsOneLine() throws IOException {
        Path file = write("[{\"record_id\": 1,\n\n}]");

        DataFileException e = assertThrows(DataFileException.class, () -> RecordLoader.load(file));

        assertTrue(e.getMessage().startsWith("Cannot load data file " + file + ": record #0: not valid JSON"));
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }

    private String problemOf(Path file) {
        return assertThrows(DataFileException.class, () -> RecordLoader.load(file)).problem();
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "data", ".json"), content);
    }
}
