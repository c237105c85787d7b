package dev.mw.master.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.mw.common.records.PersonRecord;
import java.io.IOException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A JSON array of records, kept as the text a worker sent (checked by {@link WorkerAnswerReader})
 * and written into the master's answer as it is. Why: parsing every record into objects and
 * writing it out again was a third of the master's CPU on a location query ({@code bench/README.md}).
 */
@JsonSerialize(using = RecordsJson.Writer.class)
@RegisterForReflection
@Schema(type = SchemaType.ARRAY, implementation = PersonRecord.class)
public final class RecordsJson {

    public static final RecordsJson EMPTY = new RecordsJson("[]", 0);

    private final String json;
    private final int count;

    /** {@code json} must be one JSON array from its {@code [} to its {@code ]}, of {@code count} records. */
    RecordsJson(String json, int count) {
        this.json = json;
        this.count = count;
    }

    /** The records of every part, in the parts' order: one array. */
    public static RecordsJson concat(List<RecordsJson> parts) {
        List<RecordsJson> nonEmpty = parts.stream().filter(p -> p.count > 0).toList();
        if (nonEmpty.isEmpty()) {
            return EMPTY;
        }
        if (nonEmpty.size() == 1) {
            return nonEmpty.get(0);
        }
        StringBuilder all = new StringBuilder(nonEmpty.stream().mapToInt(p -> p.json.length()).sum()).append('[');
        int count = 0;
        for (RecordsJson part : nonEmpty) {
            if (count > 0) {
                all.append(',');
            }
            all.append(part.json, 1, part.json.length() - 1);
            count += part.count;
        }
        return new RecordsJson(all.append(']').toString(), count);
    }

    public int count() {
        return count;
    }

    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }

    /** Writes the array as it is. */
    @RegisterForReflection
    public static final class Writer extends StdSerializer<RecordsJson> {

        public Writer() {
            super(RecordsJson.class);
        }

        @Override
        public void serialize(RecordsJson records, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeRawValue(records.json);
        }
    }
}
