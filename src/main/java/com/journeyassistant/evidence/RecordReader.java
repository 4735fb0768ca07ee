package com.journeyassistant.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams records out of an upload without holding it in memory: a JSON array of objects,
 * JSON Lines, or CSV with a header row (comma or semicolon, quotes per RFC 4180). Every
 * record carries the line it starts on and its fields as text, keyed by a folded name
 * ({@code source_channel}, {@code Source Channel} and {@code sourceChannel} are one field).
 */
final class RecordReader {

    enum Format { JSON, JSONL, CSV }

    /** One record; {@code problem} is set when the record itself is unreadable (e.g. a ragged CSV row). */
    record SourceRecord(int line, Map<String, String> fields, String problem) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** No single field or line is buffered beyond this, whatever the upload holds. */
    static final int MAX_FIELD_CHARS = 1_000_000;
    /** Far more than any evidence file needs; a header beyond it is a mistake or an attack, not data. */
    static final int MAX_COLUMNS = 500;

    private RecordReader() {
    }

    /** Dutch column names that Dutch teams' exports use, read as the fields they mean. */
    private static final Map<String, String> DUTCH = Map.ofEntries(Map.entry("tekst", "text"),
            Map.entry("bron", "source"), Map.entry("datum", "date"), Map.entry("titel", "title"),
            Map.entry("waarde", "value"), Map.entry("eenheid", "unit"), Map.entry("periode", "period"),
            Map.entry("doel", "target"), Map.entry("beter", "better"), Map.entry("dagelijksverkeer", "dailytraffic"),
            Map.entry("klantreisid", "journeyid"), Map.entry("faseid", "stageid"),
            Map.entry("contactmomentid", "touchpointid"), Map.entry("contactmomentids", "touchpointids"));

    /** A column name as fields are looked up: without blanks, "_" and "-", lower case, Dutch read as English. */
    static String fold(String name) {
        String folded = name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        return DUTCH.getOrDefault(folded, folded);
    }

    static void read(InputStream in, Format format, Consumer<SourceRecord> sink) {
        LineCountingReader reader = new LineCountingReader(new BufferedReader(new StrictUtf8Reader(in), 1 << 16));
        try {
            int records = switch (format) {
                case JSON -> readJsonArray(reader, sink);
                case JSONL -> readJsonLines(reader, sink);
                case CSV -> readCsv(reader, sink);
            };
            if (records == 0) {
                throw new ImportFormatException(reader.line(), "the file holds no records");
            }
        } catch (CharacterCodingException e) {
            throw new ImportFormatException(reader.line(), "the file is not valid UTF-8 (at line " + reader.line() + ")");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ JSON array

    private static int readJsonArray(LineCountingReader reader, Consumer<SourceRecord> sink) throws IOException {
        int count = 0;
        try (JsonParser parser = JSON.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return 0;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ImportFormatException(1, "a JSON upload must be an array of objects; use JSON Lines for one object per line");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new ImportFormatException(parser.currentLocation().getLineNr(), "the JSON array is not closed");
                }
                int line = parser.currentTokenLocation().getLineNr();
                count++;
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    sink.accept(new SourceRecord(line, Map.of(), "each element must be a JSON object"));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                String problem = null;
                for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren();
                        problem = "field '" + name + "' must be a plain value, not an object or array";
                    } else if (value != JsonToken.VALUE_NULL) {
                        fields.put(fold(name), parser.getString());
                    }
                }
                sink.accept(new SourceRecord(line, fields, problem));
            }
            if (parser.nextToken() != null) {
                throw new ImportFormatException(parser.currentTokenLocation().getLineNr(), "unexpected content after the JSON array");
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // not UTF-8, or over the size limit: not a JSON syntax problem
            }
            int line = e.getLocation() == null ? reader.line() : e.getLocation().getLineNr();
            throw new ImportFormatException(line, "malformed JSON at line " + line);
        }
        return count;
    }

    // ------------------------------------------------------------------ JSON Lines

    private static int readJsonLines(LineCountingReader reader, Consumer<SourceRecord> sink) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        int count = 0;
        int lineNumber = 0;
        for (String line = boundedLine(lines, lineNumber + 1); line != null; line = boundedLine(lines, lineNumber + 1)) {
            lineNumber++;
            requireText(line, lineNumber);
            if (line.isBlank()) {
                continue;
            }
            count++;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                sink.accept(new SourceRecord(lineNumber, Map.of(), "not valid JSON"));
                continue;
            }
            if (!node.isObject()) {
                sink.accept(new SourceRecord(lineNumber, Map.of(), "each line must be a JSON object"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String problem = null;
            for (var entry : node.properties()) {
                JsonNode value = entry.getValue();
                if (value.isContainer()) {
                    problem = "field '" + entry.getKey() + "' must be a plain value, not an object or array";
                } else if (!value.isNull()) {
                    fields.put(fold(entry.getKey()), value.asString());
                }
            }
            sink.accept(new SourceRecord(lineNumber, fields, problem));
        }
        return count;
    }

    /** Like readLine, but refuses a line longer than {@link #MAX_FIELD_CHARS} instead of buffering it. */
    private static String boundedLine(BufferedReader in, int lineNumber) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_FIELD_CHARS) {
                throw new ImportFormatException(lineNumber, "line " + lineNumber + " is longer than " + MAX_FIELD_CHARS + " characters");
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    // ------------------------------------------------------------------ CSV

    private static int readCsv(LineCountingReader reader, Consumer<SourceRecord> sink) throws IOException {
        String headerLine = firstNonBlankLine(reader);
        if (headerLine == null) {
            return 0;
        }
        int headerLineNumber = reader.line() - 1;
        char delimiter = delimiterOf(headerLine);
        List<String> header = new CsvTokenizer(new LineCountingReader(new java.io.StringReader(headerLine)), delimiter).nextRow();
        if (header.size() > MAX_COLUMNS) {
            throw new ImportFormatException(headerLineNumber, "the header row has more than " + MAX_COLUMNS + " columns");
        }
        List<String> names = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (String column : header) {
            String name = fold(column);
            if (name.isEmpty() || !distinct.add(name)) {
                throw new ImportFormatException(headerLineNumber, "the header row has an empty or repeated column name: '" + column + "'");
            }
            names.add(name);
        }
        CsvTokenizer csv = new CsvTokenizer(reader, delimiter);
        int count = 0;
        for (List<String> row = csv.nextRow(); row != null; row = csv.nextRow()) {
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            count++;
            if (row.size() != names.size()) {
                String fieldCount = row.size() > MAX_COLUMNS ? "more than " + MAX_COLUMNS : String.valueOf(row.size());
                sink.accept(new SourceRecord(csv.rowLine(), Map.of(),
                        "has " + fieldCount + " fields where the header has " + names.size()));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (!row.get(i).isBlank()) {
                    fields.put(names.get(i), row.get(i));
                }
            }
            sink.accept(new SourceRecord(csv.rowLine(), fields, null));
        }
        return count;
    }

    /** The header row, read one character at a time so the reader stays at the next line. */
    private static String firstNonBlankLine(LineCountingReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c != -1; c = reader.read()) {
            requireText((char) c, reader.line());
            if (c == '\n') {
                if (!line.toString().isBlank()) {
                    return line.toString().replace("\r", "");
                }
                line.setLength(0);
            } else {
                line.append((char) c);
                if (line.length() > MAX_FIELD_CHARS) {
                    throw new ImportFormatException(reader.line(), "the header row is longer than " + MAX_FIELD_CHARS + " characters");
                }
            }
        }
        return line.toString().isBlank() ? null : line.toString().replace("\r", "");
    }

    /** Dutch spreadsheets export with semicolons, others with commas: whichever the header uses more. */
    private static char delimiterOf(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** RFC 4180 fields: quotes around a field, doubled quotes inside, line breaks allowed in quotes. */
    private static final class CsvTokenizer {
        private final LineCountingReader in;
        private final char delimiter;
        private int rowLine;
        private int pushback = -2;

        CsvTokenizer(LineCountingReader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        int rowLine() {
            return rowLine;
        }

        List<String> nextRow() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            rowLine = c == '\n' ? in.line() - 1 : in.line();
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int quoteLine = 0;
            while (c != -1) {
                char ch = (char) c;
                requireText(ch, in.line());
                if (quoted) {
                    if (ch == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            unread(next);
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"' && !wasQuoted && field.toString().isBlank()) {
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = in.line();
                    field.setLength(0);
                } else if (ch == '\n') {
                    break;
                } else if (ch == '\r') {
                    // part of a CRLF line break
                } else if (ch == delimiter) {
                    if (fields.size() <= MAX_COLUMNS) { // past the cap the row is refused anyway: count, don't keep
                        fields.add(wasQuoted ? field.toString() : field.toString().strip());
                    }
                    field.setLength(0);
                    wasQuoted = false;
                } else if (wasQuoted && !Character.isWhitespace(ch)) {
                    throw new ImportFormatException(in.line(), "text after a closing quote on line " + in.line());
                } else if (!wasQuoted) {
                    field.append(ch);
                }
                if (field.length() > MAX_FIELD_CHARS) {
                    throw new ImportFormatException(rowLine, "a field of the row on line " + rowLine + " is longer than "
                            + MAX_FIELD_CHARS + " characters");
                }
                c = read();
            }
            if (quoted) {
                throw new ImportFormatException(quoteLine, "a quoted field opened on line " + quoteLine + " is never closed");
            }
            fields.add(wasQuoted ? field.toString() : field.toString().strip());
            return fields;
        }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            return in.read();
        }

        private void unread(int c) {
            pushback = c;
        }
    }

    private static void requireText(char ch, int line) {
        if (ch == '\u0000') {
            throw new ImportFormatException(line, "the file looks binary (NUL byte on line " + line + "); upload UTF-8 text");
        }
    }

    private static void requireText(String text, int line) {
        if (text.indexOf('\u0000') >= 0) {
            requireText('\u0000', line);
        }
    }

    /** Counts lines as characters pass, so errors anywhere can say where they are. */
    private static final class LineCountingReader extends Reader {
        private final Reader delegate;
        private int line = 1;
        private boolean started;

        LineCountingReader(Reader delegate) {
            this.delegate = delegate;
        }

        int line() {
            return line;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0 && !started) {
                started = true;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    n--;
                    if (n == 0) {
                        return read(buffer, offset, length);
                    }
                }
            }
            for (int i = offset; i < offset + Math.max(n, 0); i++) {
                if (buffer[i] == '\n') {
                    line++;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /**
     * Strict UTF-8 that hands out every character before a malformed byte and only then fails,
     * so the error names the line the byte is on even when the reader above reads ahead.
     * (InputStreamReader drops the good part of a chunk when the chunk holds a bad byte.)
     */
    private static final class StrictUtf8Reader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean endOfInput;
        private boolean flushed;
        private CharacterCodingException failure;

        StrictUtf8Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (out.position() == offset && !flushed) {
                if (failure != null) {
                    throw failure;
                }
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    failure = new MalformedInputException(result.length());
                } else if (result.isOverflow()) {
                    break;
                } else if (endOfInput) {
                    decoder.flush(out);
                    flushed = true;
                } else {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
            }
            int read = out.position() - offset;
            return read == 0 && flushed ? -1 : read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
