package uk.sendplan.api.system;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The schema's custom scalars: Long, Money (exact pounds), DateTime and JSON. */
final class Scalars {

    private Scalars() {
    }

    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar().name("Long").coercing(new Coercing<Long, Long>() {
        @Override
        public Long serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Number number) {
                return number.longValue();
            }
            throw new CoercingSerializeException("Long: not a number: " + value);
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof Integer || input instanceof Long) {
                return ((Number) input).longValue();
            }
            if (input instanceof BigInteger big && big.bitLength() < 64) {
                return big.longValue();
            }
            throw new CoercingParseValueException("Long: expected a whole number, got " + input);
        }

        @Override
        public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof IntValue integer && integer.getValue().bitLength() < 64) {
                return integer.getValue().longValue();
            }
            throw new CoercingParseLiteralException("Long: expected a whole number");
        }
    }).build();

    static final GraphQLScalarType MONEY = GraphQLScalarType.newScalar().name("Money").coercing(new Coercing<BigDecimal, String>() {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof BigDecimal decimal) {
                return decimal.setScale(2).toPlainString();
            }
            if (value instanceof Long || value instanceof Integer) {
                return BigDecimal.valueOf(((Number) value).longValue()).setScale(2).toPlainString();
            }
            throw new CoercingSerializeException("Money: not an exact amount: " + value);
        }

        @Override
        public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
            return parse(input instanceof String text ? text : input instanceof Integer || input instanceof Long ? input.toString() : null,
                    CoercingParseValueException::new);
        }

        @Override
        public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            String text = input instanceof StringValue string ? string.getValue()
                    : input instanceof IntValue integer ? integer.getValue().toString() : null;
            return parse(text, CoercingParseLiteralException::new);
        }

        private <E extends RuntimeException> BigDecimal parse(String text, java.util.function.Function<String, E> error) {
            String rule = "Money: expected pounds as a decimal string with at most 2 decimal places, e.g. \"61250.00\"";
            if (text == null || !text.matches("-?[0-9]{1,13}(\\.[0-9]{1,2})?")) {
                throw error.apply(rule + (text == null ? "" : ", got \"" + text + "\""));
            }
            return new BigDecimal(text).setScale(2);
        }
    }).build();

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar().name("DateTime").coercing(new Coercing<Instant, String>() {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            if (value instanceof OffsetDateTime offset) {
                return offset.toInstant().toString();
            }
            throw new CoercingSerializeException("DateTime: not an instant: " + value);
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                return OffsetDateTime.parse(String.valueOf(input)).toInstant();
            } catch (DateTimeParseException e) {
                throw new CoercingParseValueException("DateTime: expected ISO-8601 such as 2026-11-22T15:08:46Z, got " + input);
            }
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue string) {
                try {
                    return OffsetDateTime.parse(string.getValue()).toInstant();
                } catch (DateTimeParseException e) {
                    // fall through to the error below
                }
            }
            throw new CoercingParseLiteralException("DateTime: expected ISO-8601 such as 2026-11-22T15:08:46Z");
        }
    }).build();

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON").coercing(new Coercing<Object, Object>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input);
        }

        private Object literal(Value<?> input) {
            return switch (input) {
                case NullValue ignored -> null;
                case StringValue string -> string.getValue();
                case IntValue integer -> integer.getValue();
                case FloatValue decimal -> decimal.getValue();
                case BooleanValue bool -> bool.isValue();
                case ArrayValue array -> array.getValues().stream().map(this::literal).toList();
                case ObjectValue object -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    object.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue())));
                    yield map;
                }
                default -> throw new CoercingParseLiteralException("JSON: unsupported literal " + input);
            };
        }
    }).build();
}
