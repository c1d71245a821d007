package uk.sendplan.api.fees;

import graphql.schema.GraphQLEnumType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.sendplan.api.fees.FeeInputs.FeeFindingFilter;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Downloads;
import uk.sendplan.api.system.InputRules;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.FindingStatus;

import java.util.List;

/**
 * feeFindingsCsv as a file: GET /exports/fee-findings.csv with the filter's fields as query parameters
 * (financialYear, auditId, statuses (repeatable), verdict, providerId, urn, regionCode).
 */
@RestController
@Downloads.Download
class FeeFindingsDownload {

    private final FeeAudits audits;
    private final GraphQlSource graphQl;

    FeeFindingsDownload(FeeAudits audits, GraphQlSource graphQl) {
        this.audits = audits;
        this.graphQl = graphQl;
    }

    @GetMapping("/exports/fee-findings.csv")
    ResponseEntity<String> findings(@RequestParam(required = false) String financialYear, @RequestParam(required = false) String auditId,
                                    @RequestParam(required = false) List<String> statuses, @RequestParam(required = false) String verdict,
                                    @RequestParam(required = false) String providerId, @RequestParam(required = false) String urn,
                                    @RequestParam(required = false) String regionCode) {
        // the checks GraphQL's schema and input rules make on the same filter
        InputRules.require("financialYear", financialYear, InputRules.LINE);
        InputRules.require("auditId", auditId, InputRules.LINE);
        InputRules.require("providerId", providerId, InputRules.LINE);
        InputRules.require("regionCode", regionCode, InputRules.LINE);
        if (statuses != null) {
            for (int i = 0; i < statuses.size(); i++) {
                requireEnum("statuses[" + i + "]", statuses.get(i), "FeeFindingStatus");
            }
        }
        requireEnum("verdict", verdict, "FeeVerdict");
        Integer urnNumber = null;
        if (urn != null) {
            try {
                urnNumber = Integer.valueOf(urn);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("urn", "expected a whole number, got \"" + InputRules.require("urn", urn, InputRules.LINE) + "\"");
            }
        }
        String csv = audits.csv(new FeeFindingFilter(financialYear, auditId,
                statuses == null ? null : statuses.stream().map(FindingStatus::valueOf).toList(),
                verdict == null ? null : FeeVerdict.valueOf(verdict), providerId, urnNumber, regionCode));
        return Downloads.csv(csv, "fee-findings", financialYear, auditId == null ? null : "audit-" + auditId);
    }

    private void requireEnum(String field, String value, String enumType) {
        if (value == null) {
            return;
        }
        GraphQLEnumType type = (GraphQLEnumType) graphQl.schema().getType(enumType);
        if (type.getValue(value) == null) {
            throw ApiException.badRequest(field, "expected one of " + type.getValues().stream().map(v -> v.getName()).toList()
                    + ", got \"" + InputRules.require(field, value, InputRules.LINE) + "\"");
        }
    }
}
