package uk.sendplan.api.system;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.DataFetcher;
import org.springframework.graphql.execution.ErrorType;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a query deeper than the depth limit or dearer than the cost limit before any of it runs, with a BAD_REQUEST
 * error that gives the estimate and the limit; and ends a query or mutation that runs past its time limit at the next
 * field it resolves (SQL statements have the same limit in the database), so abandoned work does not go on holding
 * connections. Subscriptions are long-lived by design and have no time limit. Introspection, where it is enabled
 * (the demo profile), is left to graphql-java's good-faith introspection checks.
 */
final class RequestLimits extends SimplePerformantInstrumentation {

    private final int maxDepth;
    private final long maxCost;
    private final Duration timeout;
    private final boolean introspectionEnabled;

    RequestLimits(int maxDepth, long maxCost, Duration timeout, boolean introspectionEnabled) {
        this.maxDepth = maxDepth;
        this.maxCost = maxCost;
        this.timeout = timeout;
        this.introspectionEnabled = introspectionEnabled;
    }

    /** Set in a request's context when its transport cannot stream (plain HTTP), so a subscription is refused. */
    static final String NO_STREAM = "send.noStream";

    /** When the request must end; none for subscriptions. */
    static final class Deadline implements InstrumentationState {
        private volatile long endsAtNanos = Long.MAX_VALUE;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline();
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                                 InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                && Boolean.TRUE.equals(context.getGraphQLContext().get(NO_STREAM))) {
            throw refuse("A subscription is answered as a stream: open it over the WebSocket endpoint /graphql-ws (the graphql-transport-ws "
                    + "protocol), not over plain HTTP.", Map.of("endpoint", "/graphql-ws"));
        }
        if (context.getOperationDefinition().getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            ((Deadline) state).endsAtNanos = System.nanoTime() + timeout.toNanos();
        }
        ExecutableNormalizedOperation operation = context.getNormalizedQueryTree().get();
        if (introspectionEnabled && QueryCost.onlyIntrospection(operation)) {
            return null;
        }
        QueryCost.Estimate estimate = new QueryCost(context.getGraphQLSchema()).estimate(operation);
        if (estimate.depth() > maxDepth) {
            throw refuse("The query is " + estimate.depth() + " levels deep; the limit is " + maxDepth + ".",
                    Map.of("depth", estimate.depth(), "maxDepth", maxDepth));
        }
        if (estimate.cost() > maxCost) {
            long cost = estimate.cost() >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) estimate.cost();
            throw refuse("The query's estimated cost is " + count(cost) + " (from what its lists can return: page sizes and "
                            + "each list's bound), over the limit of " + count(maxCost) + "; most of it is in \"" + estimate.costliest()
                            + "\". Ask for smaller pages, fewer nested lists or fewer aliases.",
                    Map.of("estimatedCost", cost, "maxCost", maxCost));
        }
        return null;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return dataFetcher;
        }
        Deadline deadline = (Deadline) state;
        return environment -> {
            if (System.nanoTime() > deadline.endsAtNanos) {
                throw new RequestTimedOut(timeout);
            }
            return dataFetcher.get(environment);
        };
    }

    /** A request past its time limit; the fields it had not reached answer with this error. */
    static final class RequestTimedOut extends ApiException {
        RequestTimedOut(Duration timeout) {
            super(ErrorType.BAD_REQUEST, "The request ran longer than its limit of " + words(timeout)
                    + " and was stopped; ask for less at a time", Map.of("timeoutMillis", timeout.toMillis()));
        }
    }

    private static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static AbortExecutionException refuse(String message, Map<String, Object> extensions) {
        GraphQLError error = GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(message).extensions(extensions).build();
        return new AbortExecutionException(List.of(error));
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(value);
    }
}
