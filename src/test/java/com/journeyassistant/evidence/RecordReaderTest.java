package com.journeyassistant.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeyassistant.evidence.RecordReader.Format;
import com.journeyassistant.evidence.RecordReader.SourceRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    @Test
    void csvWithSemicolonsQuotesLineBreaksAndABomIsReadWithTheLineEachRecordStartsOn() {
        String csv = "\uFEFF\"Text\";CSAT;source_channel\r\n"
                + "\"Levering was laat; erg jammer\";2;review\r\n"
                + "\r\n"
                + "\"Hij zei \"\"top\"\"\n en nog een regel\";5;survey\n"
                + "Zonder quotes;4;\n";

        List<SourceRecord> records = read(csv, Format.CSV);

        assertThat(records).extracting(SourceRecord::line).containsExactly(2, 4, 6);
        assertThat(records.get(0).fields()).isEqualTo(Map.of("text", "Levering was laat; erg jammer", "csat", "2",
                "sourcechannel", "review"));
        assertThat(records.get(1).fields().get("text")).isEqualTo("Hij zei \"top\"\n en nog een regel");
        assertThat(records.get(2).fields()).doesNotContainKey("sourcechannel");
    }

    @Test
    void dutchColumnNamesAreReadAsTheFieldsTheyMeanAndTwoNamesForOneFieldAreRefused() {
        List<SourceRecord> records = read("Tekst;Bron;Datum;Contactmoment-ID\nTe laat;review;12-03-2026;t-1\n", Format.CSV);
        assertThat(records.get(0).fields()).isEqualTo(Map.of("text", "Te laat", "source", "review", "date",
                "12-03-2026", "touchpointid", "t-1"));

        assertThatThrownBy(() -> read("text;tekst\na;b\n", Format.CSV)).isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("repeated column name: 'tekst'");
    }

    @Test
    void aCommaSeparatedHeaderDecidesTheDelimiter() {
        List<SourceRecord> records = read("text,rating\n\"4,5 sterren\",\"4,5\"\n", Format.CSV);
        assertThat(records.get(0).fields()).isEqualTo(Map.of("text", "4,5 sterren", "rating", "4,5"));
    }

    @Test
    void aRaggedRowIsAProblemOfThatRecordOnly() {
        List<SourceRecord> records = read("text;csat\neen;1\ntwee;2;extra\ndrie;3\n", Format.CSV);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).problem()).contains("3 fields", "2");
        assertThat(records.get(1).line()).isEqualTo(3);
        assertThat(records.get(2).problem()).isNull();
    }

    @Test
    void aHeaderOverTheColumnCapIsRefusedAndARowOverItIsThatRowsProblem() {
        StringBuilder wide = new StringBuilder("text");
        for (int i = 1; i <= RecordReader.MAX_COLUMNS; i++) {
            wide.append(',').append("c").append(i);
        }
        assertThatThrownBy(() -> read(wide + "\nx\n", Format.CSV))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("more than " + RecordReader.MAX_COLUMNS + " columns");

        String manyFields = "een" + ",x".repeat(100_000);
        List<SourceRecord> records = read("text,csat\n" + manyFields + "\ntwee,2\n", Format.CSV);
        assertThat(records.get(0).problem()).contains("more than " + RecordReader.MAX_COLUMNS + " fields");
        assertThat(records.get(1).fields()).isEqualTo(Map.of("text", "twee", "csat", "2"));
    }

    @Test
    void repeatedColumnNamesAreFoundAmongManyColumns() {
        StringBuilder header = new StringBuilder("text");
        for (int i = 1; i < RecordReader.MAX_COLUMNS - 1; i++) {
            header.append(';').append("kolom ").append(i);
        }
        header.append(";Kolom_7");
        assertThatThrownBy(() -> read(header + "\nx\n", Format.CSV))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("repeated column name: 'Kolom_7'");
    }

    @Test
    void anUnclosedQuoteFailsTheUploadNamingTheLineItOpensOn() {
        assertThatThrownBy(() -> read("text;csat\nok;1\n\"nooit gesloten;2\nnog meer;3\n", Format.CSV))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("line 3")
                .satisfies(e -> assertThat(((ImportFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void invalidUtf8BinaryAndEmptyUploadsAreRefused() {
        byte[] latin1 = "text\nCaf\u00e9 was dicht\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RecordReader.read(new ByteArrayInputStream(latin1), Format.CSV, r -> { }))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("UTF-8");
        byte[] binary = {'t', 'e', 'x', 't', '\n', 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00};
        assertThatThrownBy(() -> RecordReader.read(new ByteArrayInputStream(binary), Format.CSV, r -> { }))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> read("", Format.CSV)).hasMessageContaining("no records");
        assertThatThrownBy(() -> read("text;csat\n\n", Format.CSV)).hasMessageContaining("no records");
        assertThatThrownBy(() -> read("[]", Format.JSON)).hasMessageContaining("no records");
    }

    @Test
    void aBadByteFarIntoTheFileIsReportedOnItsOwnLineAfterEveryGoodRecordBeforeIt() {
        StringBuilder good = new StringBuilder("text;csat\n");
        for (int i = 0; i < 5_000; i++) {
            good.append("Bezorging ging prima, dank je ").append(i).append(";4\n");
        }
        byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "Caf\u00e9 dicht;1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, file, head.length, tail.length);
        List<SourceRecord> seen = new ArrayList<>();

        assertThatThrownBy(() -> RecordReader.read(new ByteArrayInputStream(file), Format.CSV, seen::add))
                .isInstanceOf(ImportFormatException.class)
                .hasMessageContaining("UTF-8")
                .satisfies(e -> assertThat(((ImportFormatException) e).line()).isEqualTo(5_002));
        assertThat(seen).hasSize(5_000);
    }

    @Test
    void jsonArraysGiveTheLineOfEachObjectAndRejectNestedValues() {
        String json = "[\n  {\"text\": \"Goed\", \"csat\": 5},\n  {\"text\": \"Slecht\", \"tags\": [\"a\"]},\n  42\n]";
        List<SourceRecord> records = read(json, Format.JSON);
        assertThat(records).extracting(SourceRecord::line).containsExactly(2, 3, 4);
        assertThat(records.get(0).fields()).isEqualTo(Map.of("text", "Goed", "csat", "5"));
        assertThat(records.get(1).problem()).contains("tags");
        assertThat(records.get(2).problem()).contains("JSON object");
        assertThatThrownBy(() -> read("[{\"text\": \"x\"},\n{\"text\": }]", Format.JSON))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("{\"text\": \"x\"}", Format.JSON)).hasMessageContaining("array");
    }

    @Test
    void aHugeFieldOrLineIsRefusedInsteadOfBuffered() {
        String huge = "x".repeat(RecordReader.MAX_FIELD_CHARS + 10);
        assertThatThrownBy(() -> read("text;csat\nok;1\n\"" + huge + "\";2\n", Format.CSV))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> read("{\"text\": \"ok\"}\n{\"text\": \"" + huge + "\"}\n", Format.JSONL))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("line 2");
    }

    @Test
    void jsonLinesReportABadLineAndGoOn() {
        List<SourceRecord> records = read("{\"text\": \"een\"}\n\nnot json\n{\"text\": \"drie\"}\n", Format.JSONL);
        assertThat(records).extracting(SourceRecord::line).containsExactly(1, 3, 4);
        assertThat(records.get(1).problem()).isEqualTo("not valid JSON");
        assertThat(records.get(2).fields()).containsEntry("text", "drie");
    }

    private static List<SourceRecord> read(String content, Format format) {
        List<SourceRecord> records = new ArrayList<>();
        RecordReader.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), format, records::add);
        return records;
    }
}
