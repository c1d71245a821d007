package uk.sendplan.api.system;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns exceptions into GraphQL errors: ours keep their classification and message; a database rule that code
 * did not check first becomes BAD_REQUEST naming the rule; anything else is INTERNAL_ERROR with a reference to
 * the server log, never a stack trace.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([a-z0-9_]+)\"");

    /** Database rules, by constraint name, in words a client can act on. */
    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("place_occupied_within_capacity", "occupied must not exceed capacity"),
            Map.entry("place_commissions_within_capacity", "commissioned places must not exceed capacity"),
            Map.entry("place_commission_under_contract", "places under a block contract in force stay in the register until the contract ends"),
            Map.entry("place_commission_filled_within_places", "a block contract's places are all filled"),
            Map.entry("setting_pkey", "a setting with this URN is already registered"),
            Map.entry("provider_company_number_key", "a provider with this company number is already registered"),
            Map.entry("provider_one_per_la", "this local authority already has its provider record"),
            Map.entry("financial_year_format", "a financial year is written like 2026-27"),
            Map.entry("rate_framework_published_is_immutable", "a published rates framework never changes; publish a correction instead"),
            Map.entry("rate_framework_one_published", "a financial year has one published rates framework in force"),
            Map.entry("rate_framework_one_draft", "a financial year has at most one DRAFT rates framework at a time"),
            Map.entry("rate_framework_version_unique", "this rates framework version was created meanwhile; try again"),
            Map.entry("fee_revision_unique", "this fee was submitted or revised meanwhile; read it again and submit an explicit revision"),
            Map.entry("fee_annual_fee_range", "an annual fee must be more than 0.00 and at most 1,500,000.00"),
            Map.entry("fee_breakdown_adds_up", "a cost breakdown must add up to the annual fee"),
            Map.entry("fee_records_are_append_only", "fees, fee checks, audits and finding events are never changed or deleted"),
            Map.entry("fee_finding_legal_transition", "a finding moves only OPEN -> PROVIDER_RESPONDED -> ACCEPTED, UPHELD or ESCALATED"),
            Map.entry("fee_finding_fee_id_key", "this fee revision already has a finding"));

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            return GraphqlErrorBuilder.newError(env).errorType(api.type()).message(api.getMessage())
                    .extensions(api.extensions()).build();
        }
        if (ex instanceof DataIntegrityViolationException integrity) {
            String constraint = constraintName(integrity);
            String rule = RULES.getOrDefault(constraint, "the data breaks a rule of the register");
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST)
                    .message(env.getField().getName() + ": " + rule + (constraint == null ? "" : " (" + constraint + ")"))
                    .build();
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error in {} (reference {})", env.getField().getName(), reference, ex);
        return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR)
                .message("Internal error; the server log has the details under reference " + reference).build();
    }

    /** The violated constraint: from PostgreSQL's error fields (triggers set it too), else from the message text. */
    static String constraintName(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return psql.getServerErrorMessage().getConstraint();
            }
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                Matcher matcher = CONSTRAINT.matcher(cause.getMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }
}
