package uk.sendplan.api.system;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The same mapping as {@link GraphQlErrors} for errors that end a subscription (e.g. a refused planProgress). */
@Component
class GraphQlSubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlSubscriptionErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        if (ex instanceof ApiException api) {
            return GraphqlErrorBuilder.newError().errorType(api.type()).message(api.getMessage()).extensions(api.extensions()).build();
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error in a subscription (reference {})", reference, ex);
        return GraphqlErrorBuilder.newError().errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; the server log has the details under reference " + reference).build();
    }
}
