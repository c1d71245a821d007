package uk.sendplan.api.system;

import org.springframework.graphql.execution.ErrorType;

import java.util.Map;

/**
 * An error the client caused and can act on. It reaches the client as a GraphQL error with the classification
 * and the message as written here (which names the field and the rule), and rolls back the transaction.
 */
public class ApiException extends RuntimeException {

    private final ErrorType type;
    private final Map<String, Object> extensions;

    protected ApiException(ErrorType type, String message, Map<String, Object> extensions) {
        super(message);
        this.type = type;
        this.extensions = extensions;
    }

    /** Bad input: {@code field} names the input field (a path such as "input.places[2].occupied"), {@code rule} what it breaks. */
    public static ApiException badRequest(String field, String rule) {
        return new ApiException(ErrorType.BAD_REQUEST, field + ": " + rule, Map.of("field", field));
    }

    public static ApiException badRequest(String message, Map<String, Object> extensions) {
        return new ApiException(ErrorType.BAD_REQUEST, message, extensions);
    }

    public static ApiException notFound(String field, String what) {
        return new ApiException(ErrorType.NOT_FOUND, field + ": " + what, Map.of("field", field));
    }

    /** Says nothing about whether the record exists. */
    public static ApiException forbidden(String message) {
        return new ApiException(ErrorType.FORBIDDEN, message, Map.of());
    }

    public ErrorType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
