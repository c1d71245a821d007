package uk.sendplan.planner.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.ValidationError;

/**
 * The field readers of one reading of a problem: each reports what is wrong with its field and returns a placeholder
 * the validator will not report again, so every problem in the input is listed once.
 */
final class JsonFields {

    private final List<ValidationError> errors = new ArrayList<>();
    /** "item|field" of fields already reported while reading, so validation does not report them twice. */
    private final Set<String> reported = new HashSet<>();

    /** Every problem found: those reported while reading, then the validator's on fields not already reported. */
    List<ValidationError> errors(List<ValidationError> validation) {
        List<ValidationError> all = new ArrayList<>(errors);
        for (ValidationError error : validation) {
            if (!reported.contains(key(error.item(), error.field()))) {
                all.add(error);
            }
        }
        return all;
    }

    void fail(String item, String field, String message) {
        errors.add(new ValidationError(item, field, message));
        reported.add(key(item, field));
    }

    /** Errors on "annualFees.3" or "needs[2]" also cover the validator's checks of the whole field. */
    private static String key(String item, String field) {
        int cut = field.length();
        for (char c : new char[] {'.', '['}) {
            int at = field.indexOf(c);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return item + "|" + field.substring(0, cut);
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    static String idOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return null;
    }

    String id(JsonNode node, String item) {
        JsonNode value = node.get("id");
        if (value == null || value.isNull()) {
            fail(item, "id", "missing");
            return null;
        }
        String id = idOrNull(value);
        if (id == null) {
            fail(item, "id", "expected a string or a whole number");
        }
        return id;
    }

    String text(JsonNode node, String item, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(item, field, "missing");
            }
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            // LA codes such as 873 are often written as numbers
            return value.bigIntegerValue().toString();
        }
        fail(item, field, "expected a string");
        return null;
    }

    JsonNode array(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, field, "missing; expected an array");
            return ProblemJson.MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            fail(item, field, "expected an array");
            return ProblemJson.MAPPER.createArrayNode();
        }
        return value;
    }

    int integer(JsonNode node, String item, String field) {
        return integer(node, item, field, field);
    }

    int integer(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, reportedField, "missing; expected a whole number");
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            fail(item, reportedField, "expected a whole number, was " + value);
            return 0;
        }
        return value.intValue();
    }

    long longValue(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isIntegralNumber() || !value.canConvertToLong()) {
            fail(item, reportedField, "expected whole pounds, was " + value);
            return 0;
        }
        return value.longValue();
    }

    double number(JsonNode node, String item, String field) {
        return number(node, item, field, field);
    }

    double number(JsonNode node, String item, String field, String reportedField) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(item, reportedField, "missing; expected a number");
            return 0;
        }
        if (!value.isNumber()) {
            fail(item, reportedField, "expected a number, was " + value);
            return 0;
        }
        return value.doubleValue();
    }

    BigDecimal decimal(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            fail(item, field, "expected a number, was " + value);
            return BigDecimal.ZERO;
        }
        return value.decimalValue();
    }

    boolean bool(JsonNode node, String item, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            fail(item, field, "expected true or false, was " + value);
            return false;
        }
        return value.booleanValue();
    }

    Need needCode(JsonNode value, String item, String field) {
        if (value == null || value.isNull()) {
            fail(item, field, "missing; expected one of " + names(Need.values()));
            return null;
        }
        Need need = value.isString() ? enumValue(Need.class, value.stringValue()) : null;
        if (need == null) {
            fail(item, field, "unknown need code " + value + "; expected one of " + names(Need.values()));
        }
        return need;
    }

    <E extends Enum<E>> E enumField(JsonNode node, String item, String field, Class<E> type, String what,
                                            boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(item, field, "missing; expected one of " + names(type.getEnumConstants()));
            }
            return null;
        }
        E constant = value.isString() ? enumValue(type, value.stringValue()) : null;
        if (constant == null) {
            fail(item, field, "unknown " + what + " " + value + "; expected one of " + names(type.getEnumConstants()));
        }
        return constant;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    static String names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
    }
}
