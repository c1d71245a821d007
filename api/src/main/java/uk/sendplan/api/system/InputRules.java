package uk.sendplan.api.system;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules every piece of text a client sends obeys, whatever operation it goes to: a maximum length, and no control
 * characters. They are checked on the whole operation (every String and ID argument and input-object field, in
 * variables or inline) before any field runs, so a mutation is refused whole and nothing is written; each breach
 * is a BAD_REQUEST error naming the argument path and the rule. Without them a NUL byte reached PostgreSQL (which
 * refuses it in text) and came back as an internal error, and a huge string was stored as given.
 * <ul>
 * <li>Uploads ({@code csv}, {@code csvBase64}): up to the request size limit; line breaks and tabs allowed.</li>
 * <li>Free text ({@code note}, {@code reason}, {@code justification}, {@code description}): up to
 * {@value #TEXT_MAX} characters; line breaks and tabs allowed.</li>
 * <li>Everything else (names, references, codes, ids, filters, cursors): up to {@value #LINE_MAX} characters
 * (an OpenID subject may be 255) on one line.</li>
 * </ul>
 * Control characters are Unicode category Cc (U+0000-U+001F, U+007F-U+009F); half a surrogate pair is refused too
 * (it is not text and cannot be stored as UTF-8). Field-specific rules (a name at most 200, a postcode's form) come
 * on top, in the services.
 */
@Component
public class InputRules extends SimplePerformantInstrumentation {

    public static final int LINE_MAX = 255;
    public static final int TEXT_MAX = 2000;
    /** At most this many breaches are reported; one is enough to refuse the operation. */
    private static final int MAX_ERRORS = 20;
    private static final Set<String> UPLOADS = Set.of("csv", "csvBase64");
    private static final Set<String> FREE_TEXT = Set.of("note", "reason", "justification", "description");

    /** What a string may hold: its maximum length and whether it may span lines. */
    public record Rule(long maxLength, boolean multiLine) {
    }

    public static final Rule LINE = new Rule(LINE_MAX, false);
    public static final Rule TEXT = new Rule(TEXT_MAX, true);
    /** A file decoded from an upload (csvBase64): its size was bounded as it came in; it may span lines. */
    public static final Rule DECODED_FILE = new Rule(Long.MAX_VALUE, true);

    private final Rule upload;

    InputRules(@Value("${send.http.max-request-bytes:104857600}") long maxRequestBytes) {
        this.upload = new Rule(maxRequestBytes, true);
    }

    /** The rule for an argument or input field, by its name. */
    Rule ruleFor(String name) {
        return UPLOADS.contains(name) ? upload : FREE_TEXT.contains(name) ? TEXT : LINE;
    }

    /** The rule {@code value} breaks, in words, or null if it keeps it. */
    public static String breach(String value, Rule rule) {
        if (value.length() > rule.maxLength()) {
            return "must be at most " + rule.maxLength() + " characters, got " + value.length();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(rule.multiLine() && (c == '\n' || c == '\r' || c == '\t'))) {
                return "must not contain control characters" + (rule.multiLine() ? " other than line breaks and tabs" : "")
                        + String.format(" (U+%04X at character %d)", (int) c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must be valid Unicode text (a lone surrogate U+%04X at character %d)", (int) c, i + 1);
            }
        }
        return null;
    }

    /** For inputs that come in outside GraphQL (an HTTP query parameter, a decoded upload): refuses a breach. */
    public static String require(String path, String value, Rule rule) {
        String breach = value == null ? null : breach(value, rule);
        if (breach != null) {
            throw ApiException.badRequest(path, breach);
        }
        return value;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                                InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        List<GraphQLError> errors = new ArrayList<>();
        QueryTraverser.newQueryTraverser().schema(context.getGraphQLSchema()).document(context.getDocument())
                .operationName(context.getOperationDefinition().getName()).coercedVariables(context.getCoercedVariables())
                .build().visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        if (env.isTypeNameIntrospectionField()) {
                            return;
                        }
                        SourceLocation location = env.getField().getSourceLocation();
                        for (GraphQLArgument argument : env.getFieldDefinition().getArguments()) {
                            check(argument.getName(), argument.getName(), argument.getType(), env.getArguments().get(argument.getName()),
                                    location, errors);
                        }
                    }
                });
        if (!errors.isEmpty()) {
            throw new AbortExecutionException(errors);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** Walks a coerced value along its input type, checking every String and ID in it. */
    private void check(String path, String name, GraphQLType type, Object value, SourceLocation location, List<GraphQLError> errors) {
        if (value == null || errors.size() >= MAX_ERRORS) {
            return;
        }
        switch (type) {
            case GraphQLNonNull nonNull -> check(path, name, nonNull.getWrappedType(), value, location, errors);
            case GraphQLList list when value instanceof List<?> items -> {
                for (int i = 0; i < items.size(); i++) {
                    check(path + "[" + i + "]", name, list.getWrappedType(), items.get(i), location, errors);
                }
            }
            case GraphQLInputObjectType object when value instanceof Map<?, ?> fields -> {
                for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                    check(path + "." + field.getName(), field.getName(), field.getType(), fields.get(field.getName()), location, errors);
                }
            }
            case GraphQLScalarType scalar when value instanceof String text
                    && ("String".equals(scalar.getName()) || "ID".equals(scalar.getName())) -> {
                String breach = breach(text, ruleFor(name));
                if (breach != null) {
                    errors.add(GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(path + ": " + breach)
                            .location(location).extensions(Map.of("field", path)).build());
                }
            }
            default -> {
                // enums and the other scalars are checked by their own coercion
            }
        }
    }
}
