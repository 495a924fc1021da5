package org.supplysync.push.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.SupplySyncException;
import org.supplysync.record.boundary.Refusal;
import org.supplysync.record.control.Envelope;
import org.supplysync.record.control.IncomingRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.supplysync.platform.Jsons.JSON;

/**
 * A v5 push body ({@code {"queueLength": n, "data": [records]}}) read as a stream: each record is parsed on its own,
 * checked (its envelope) and kept only as the text of its {@code recordData} as the site sent it (cut from the body,
 * not printed again), so that a batch of megabytes is held once, as text, and never as a whole parsed tree besides.
 * Fields of the body are as strict as any {@link JsonBody}.
 */
public final class PushBody {

    private final long queueLength;
    private final List<Row> rows;
    private final List<Refusal> refused;

    private PushBody(long queueLength, List<Row> rows, List<Refusal> refused) {
        this.queueLength = queueLength;
        this.rows = rows;
        this.refused = refused;
    }

    /**
     * One record to buffer: envelope checked, {@code data} its recordData as JSON text, {@code order} where it
     * integrates ({@link BufferPieces#orderOf}).
     */
    public record Row(String tableName, String recordId, String action, String data, int order) {
    }

    public long queueLength() {
        return queueLength;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Records whose envelope was unusable: refused on sight. */
    public List<Refusal> refused() {
        return refused;
    }

    public int records() {
        return rows.size() + refused.size();
    }

    /**
     * Reads the body. {@link TooManyRecords} as soon as it holds more than {@code maxRecords} records; a
     * {@link JsonException} for text that is not JSON or nests deeper than {@link Jsons#MAX_DEPTH}; an
     * {@link InvalidRequestException} for JSON of the wrong shape.
     */
    public static PushBody read(InputStream in, int maxRecords, Map<String, DataType> registry) {
        try {
            return new Reader(in, maxRecords, registry).read();
        } catch (JsonException | SupplySyncException | TooManyRecords | UncheckedIOException e) {
            // Including what the stream itself throws, such as a body over the size limit.
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports its own limits (digits of a number, say) with exceptions of no JSON type.
            throw new JsonException(e.getMessage(), e);
        }
    }

    /** More records in one batch than the server takes. */
    public static final class TooManyRecords extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooManyRecords(int maxRecords) {
            super("more than " + maxRecords + " records in one batch; at most " + maxRecords, null, false, false);
        }
    }

    private static final class Reader {

        private final PushbackReader in;
        private final RecordingReader text;
        private final int maxRecords;
        private final Map<String, DataType> registry;
        private final List<Row> rows = new ArrayList<>();
        private final List<Refusal> refused = new ArrayList<>();

        Reader(InputStream in, int maxRecords, Map<String, DataType> registry) {
            // JSON between systems is UTF-8 (RFC 8259); bytes that are not decode as U+FFFD, as the parser's own would.
            this.in = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
            this.text = new RecordingReader(this.in);
            this.maxRecords = maxRecords;
            this.registry = registry;
        }

        PushBody read() {
            if (blank()) {
                // No body reads as {}: its required fields are then missing.
                return new PushBody(JsonBody.of(JsonValue.EMPTY_JSON_OBJECT).wholeNumber("queueLength"), rows, refused);
            }
            try (JsonParser parser = JSON.createParser(text)) {
                JsonParser.Event first = parser.next();
                if (first != JsonParser.Event.START_OBJECT) {
                    JsonValue value = value(parser, first, 1);
                    throw new InvalidRequestException("the request body must be a JSON object, not " + Jsons.describe(value));
                }
                // Every field but the records, kept to be read as strictly as any body's fields.
                JsonObjectBuilder fields = JSON.createObjectBuilder();
                for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                    String key = parser.getString();
                    JsonParser.Event start = parser.next();
                    if (key.equals("data") && start == JsonParser.Event.START_ARRAY) {
                        records(parser);
                    } else {
                        fields.add(key, value(parser, start, 2));
                    }
                }
                if (parser.hasNext()) {
                    parser.next();
                }
                JsonBody body = JsonBody.of(fields.build());
                body.optionalArray("data");
                return new PushBody(body.wholeNumber("queueLength"), rows, refused);
            }
        }

        private void records(JsonParser parser) {
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
                if (rows.size() + refused.size() >= maxRecords) {
                    throw new TooManyRecords(maxRecords);
                }
                record(parser, event);
                text.forget(parser.getLocation().getStreamOffset());
            }
        }

        /**
         * One element of {@code data}: its envelope parsed to check it, its recordData kept as the text the site sent
         * (cut from the body, where the parser says it began and ended) and read only as far as the check needs
         * ({@link #skim}). A parser that does not tell where it is in the text builds recordData instead.
         */
        private void record(JsonParser parser, JsonParser.Event start) {
            if (start != JsonParser.Event.START_OBJECT) {
                take(IncomingRecord.of(value(parser, start, 3)));
                return;
            }
            deeper(3);
            JsonObjectBuilder envelope = JSON.createObjectBuilder();
            JsonObject data = null;
            String sent = null;
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                JsonParser.Event valueStart = parser.next();
                if (!key.equals("recordData")) {
                    envelope.add(key, value(parser, valueStart, 4));
                    continue;
                }
                // The parser is just past the object's '{' here, and just past its '}' once it is read.
                long from = parser.getLocation().getStreamOffset() - 1;
                if (valueStart == JsonParser.Event.START_OBJECT && from >= 0) {
                    data = skim(parser);
                    sent = text.between(from, parser.getLocation().getStreamOffset());
                } else {
                    data = value(parser, valueStart, 4) instanceof JsonObject object ? object : null;
                    sent = null;
                }
            }
            if (sent != null && !(sent.startsWith("{") && sent.endsWith("}"))) {
                throw new IllegalStateException("the JSON parser's offsets do not cut recordData out of the body");
            }
            IncomingRecord envelopeOnly = IncomingRecord.of(envelope.build());
            take(new IncomingRecord(envelopeOnly.tableName(), envelopeOnly.recordId(), envelopeOnly.action(), data,
                    sent));
        }

        /**
         * recordData, an object, read without building it: the parser still checks its syntax, its depth and its
         * numbers. Returned is what of it the envelope check looks at besides the text's depth, the ids that say
         * whose a record is: of its top-level texts, those longer than an id may be.
         */
        private static JsonObject skim(JsonParser parser) {
            deeper(4);
            Map<String, String> longTexts = new HashMap<>();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                JsonParser.Event valueStart = parser.next();
                String member = valueStart == JsonParser.Event.VALUE_STRING ? parser.getString() : null;
                if (member != null && member.length() > Envelope.MAX_ID) {
                    longTexts.put(key, member);
                } else {
                    // A later member of the same name replaces an earlier one, as it does in a parsed object.
                    longTexts.remove(key);
                    skip(parser, valueStart, 5);
                }
            }
            JsonObjectBuilder kept = JSON.createObjectBuilder();
            longTexts.forEach(kept::add);
            return kept.build();
        }

        /** Reads past the value that starts with this event, as strictly as {@link #value}, building nothing. */
        private static void skip(JsonParser parser, JsonParser.Event start, int depth) {
            int level = depth - 1;
            for (JsonParser.Event event = start; ; event = parser.next()) {
                switch (event) {
                    case START_OBJECT, START_ARRAY -> deeper(++level);
                    case END_OBJECT, END_ARRAY -> level--;
                    // Its digits meet the parser's limits only when it is read as a number.
                    case VALUE_NUMBER -> parser.getBigDecimal();
                    default -> {
                        // texts, true, false, null and keys: the parser has read them whole
                    }
                }
                if (level < depth) {
                    return;
                }
            }
        }

        /** The record, its recordData text as sent when it has one: buffered, or refused for its envelope. */
        private void take(IncomingRecord record) {
            Optional<String> problem = Envelope.problem(record, registry);
            String data = record.dataText();
            if (problem.isPresent()) {
                refused.add(new Refusal(record.tableName(), record.recordId(), problem.get(), record.action(), data));
            } else {
                rows.add(new Row(record.tableName(), record.recordId(), record.action(), data == null ? "{}" : data,
                        BufferPieces.orderOf(registry.get(record.tableName()))));
            }
        }

        /** The value that starts with this event, {@code depth} the nesting it starts at (the body is 1). */
        private static JsonValue value(JsonParser parser, JsonParser.Event start, int depth) {
            switch (start) {
                case START_OBJECT: {
                    deeper(depth);
                    JsonObjectBuilder object = JSON.createObjectBuilder();
                    for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                        String key = parser.getString();
                        object.add(key, value(parser, parser.next(), depth + 1));
                    }
                    return object.build();
                }
                case START_ARRAY: {
                    deeper(depth);
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
                        array.add(value(parser, event, depth + 1));
                    }
                    return array.build();
                }
                default:
                    return parser.getValue();
            }
        }

        private static void deeper(int depth) {
            if (depth > Jsons.MAX_DEPTH) {
                throw new JsonException("objects and arrays are nested more than " + Jsons.MAX_DEPTH + " levels deep");
            }
        }

        /** Whether the body is empty or only white space (the parser would call that malformed). */
        private boolean blank() {
            try {
                int next;
                do {
                    next = in.read();
                } while (next == ' ' || next == '\t' || next == '\n' || next == '\r');
                if (next == -1) {
                    return true;
                }
                in.unread(next);
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
