package dev.mw.worker.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.mw.common.records.PersonRecord;

/**
 * Reads and validates a data file: a JSON array of records. The file is streamed one record
 * at a time, so a large file never exists as a JSON tree in memory. Every problem becomes a
 * {@link DataFileException} that names the record's 0-based index.
 */
public final class RecordLoader {

    private static final JsonFactory JSON = new JsonFactory();

    private final String source;
    private final OwnedLetters range;
    private final List<PersonRecord> records = new ArrayList<>();
    private final RecordFields fields = new RecordFields(
            new StringPool(StringPool.DEFAULT_MAX_SIZE), new StringPool(StringPool.DEFAULT_MAX_SIZE));
    private boolean insideArray;

    private RecordLoader(String source, OwnedLetters range) {
        this.source = source;
        this.range = range;
    }

    /** The file's records in file order; all valid, record_ids unique. */
    public static List<PersonRecord> load(Path file) {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, and every record's name is owned by {@code range} (null: not
     * checked): a record the master would route to another group is a data error (scatter
     * queries would return it, name queries never).
     */
    public static List<PersonRecord> load(Path file, OwnedLetters range) {
        RecordLoader loader = new RecordLoader(file.toString(), range);
        loader.checkReadable(file);
        return loader.read(() -> Files.newInputStream(file));
    }

    /** The same from a stream, e.g. the data the worker jar carries; {@code source} names it in messages. */
    public static List<PersonRecord> load(String source, InputStream in, OwnedLetters range) {
        return new RecordLoader(source, range).read(() -> in);
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private List<PersonRecord> read(Opener opener) {
        try (InputStream in = new BufferedInputStream(opener.open(), 1 << 16);
                JsonParser parser = JSON.createParser(in)) {
            readArray(parser);
        } catch (JsonProcessingException e) {
            throw fail(atCurrentRecord() + "not valid JSON at " + position(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw fail("cannot read file: " + oneLine(String.valueOf(e.getMessage())));
        }
        DuplicateIds.find(records).ifPresent(duplicate -> {
            throw fail(duplicate);
        });
        return records;
    }

    private void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw fail(file.isAbsolute() ? "file not found"
                    : "file not found in the working directory " + Path.of("").toAbsolutePath());
        }
        if (Files.isDirectory(file)) {
            throw fail("is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw fail("file is not readable");
        }
    }

    private void readArray(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw fail("file is empty, expected a JSON array of records");
        }
        if (token != JsonToken.START_ARRAY) {
            throw fail("expected a JSON array of records, found " + JsonValues.describe(parser));
        }
        insideArray = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            records.add(readRecord(parser));
        }
        insideArray = false;
        if (parser.nextToken() != null) {
            throw fail("unexpected content after the array at " + position(parser.currentTokenLocation()));
        }
    }

    private PersonRecord readRecord(JsonParser parser) throws IOException {
        PersonRecord record;
        try {
            record = fields.read(parser);
        } catch (RecordFields.InvalidRecord e) {
            throw fail(atCurrentRecord() + e.getMessage());
        }
        if (range != null && !range.owns(record.name())) {
            throw fail(atCurrentRecord() + "record_id " + record.recordId() + ", name \"" + record.name()
                    + "\" is not in this worker's range " + range + " (mw.range): the master never routes its name here");
        }
        return record;
    }

    /** "record #3: " while inside the array, so JSON syntax errors name the record too. */
    private String atCurrentRecord() {
        return insideArray ? "record #" + records.size() + ": " : "";
    }

    private DataFileException fail(String problem) {
        return new DataFileException(source, problem);
    }

    private static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").strip();
    }
}
