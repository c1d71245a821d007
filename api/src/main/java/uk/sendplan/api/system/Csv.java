package uk.sendplan.api.system;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Rows keep the line number they
 * start on (the header is line 1), so errors can point at the line a person sees in a spreadsheet.
 */
public final class Csv {

    public record Row(int line, List<String> fields) {
    }

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection guidance). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Csv() {
    }

    /**
     * Decodes a file's bytes: UTF-8 (with or without byte-order mark) when they are valid UTF-8, otherwise
     * Windows-1252, the encoding DfE's GIAS downloads have been published in.
     */
    public static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** Parses all rows; throws {@link IllegalArgumentException} naming the line of an unterminated quote. */
    public static List<Row> parse(String text) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        int n = input.length();
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && input.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && input.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                rowLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field opened on line " + quoteLine + " is never closed");
        }
        if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }

    /**
     * One CSV line (without line break), quoting fields that need it (RFC 4180).
     * <p>
     * Text is neutralised against formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that
     * starts with {@code = + - @}, a tab or a carriage return as a formula, so such text gets a leading single
     * quote and is shown as typed. Names, notes and references come from other people (a provider names its
     * settings, a commissioner its children) and end up in a regulator's or commissioner's spreadsheet.
     * Numbers are written through {@link Number} values and are never neutralised, so the service's own negative
     * figures (a money column such as -1200.00) stay numbers: callers pass amounts as {@link BigDecimal}, never
     * as text.
     */
    public static String line(List<?> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String text = cell(values.get(i));
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal decimal -> decimal.toPlainString();
            case Number number -> number.toString();
            default -> neutralise(value.toString());
        };
    }

    /** The text with a leading single quote if a spreadsheet would take it for a formula. */
    static String neutralise(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
