package com.journeyassistant.evidence;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Reads a spreadsheet (CSV with a header row, comma or semicolon, strict UTF-8) the way
 * evidence uploads are read, for other modules' uploads: column names are folded
 * ({@code Touchpoint Id}, {@code touchpoint_id} and {@code touchpointId} are one column).
 */
public final class CsvRows {

    /** One row: the line it starts on, its non-blank fields by folded column name, or why it cannot be read. */
    public record Row(int line, Map<String, String> fields, String problem) {
    }

    private CsvRows() {
    }

    /** At most {@code maxRows} rows; a file that cannot be read at all is a 400 that says why and where. */
    public static List<Row> read(InputStream in, int maxRows) {
        List<Row> rows = new ArrayList<>();
        try {
            RecordReader.read(in, RecordReader.Format.CSV, record -> {
                if (rows.size() >= maxRows) {
                    throw new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "Too many rows",
                            "The file has more than " + maxRows + " rows; split it", List.of());
                }
                rows.add(new Row(record.line(), record.fields(), record.problem()));
            });
        } catch (ImportFormatException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "Unreadable file", e.getMessage(),
                    List.of(new FieldError("file", e.getMessage(), e.line())));
        }
        return rows;
    }
}
