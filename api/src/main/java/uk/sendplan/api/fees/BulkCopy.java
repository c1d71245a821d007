package uk.sendplan.api.fees;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.postgresql.PGConnection;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bulk writes with PostgreSQL COPY, on the transaction's own connection: an audit or a demo load writes tens of
 * thousands of fees and checks, which multi-row INSERTs write several times slower. COPY returns no generated ids;
 * callers that need them read them back by a unique key.
 */
@Component
class BulkCopy {

    private static final SQLStateSQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    private final DSLContext db;

    BulkCopy(DSLContext db) {
        this.db = db;
    }

    /** Writes rows (values in the order of {@code columns}; null, numbers, booleans, text, instants and text arrays). */
    void copy(Table<?> table, List<Field<?>> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                text.append(row[i] == null ? "\\N" : escape(literal(row[i])));
            }
            text.append('\n');
        }
        String sql = "COPY " + qualified(table) + " (" + columns.stream().map(Field::getName).collect(Collectors.joining(", ")) + ") FROM STDIN";
        try {
            db.connection(connection -> connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString())));
        } catch (org.jooq.exception.DataAccessException e) {
            // jOOQ's exception translation sees only the statements it runs; translate here so a broken rule (a
            // unique key two writers raced for) reaches the client as the rule, like any other statement's
            RuntimeException translated = e.getCause() instanceof SQLException sqlException ? TRANSLATOR.translate("COPY", sql, sqlException) : null;
            throw translated != null ? translated : e;
        }
    }

    private static String qualified(Table<?> table) {
        return table.getSchema().getName() + "." + table.getName();
    }

    private static String literal(Object value) {
        return switch (value) {
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case String[] array -> "{" + Arrays.stream(array)
                    .map(e -> "\"" + e.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(",")) + "}";
            default -> value.toString();
        };
    }

    /** COPY text format: backslash, tab and line breaks are escaped. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
