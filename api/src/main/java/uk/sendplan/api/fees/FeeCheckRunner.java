package uk.sendplan.api.fees;

import org.springframework.stereotype.Component;
import uk.sendplan.api.fees.FeeChecker.Costs;
import uk.sendplan.api.fees.FeeChecker.Outcome;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.fees.FeeRepository.NewCheck;
import uk.sendplan.db.types.FeeCheckOccasion;
import uk.sendplan.db.types.FeeVerdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks stored fees in bulk against a framework version: reads what the checks need (settings, last year's fees) in
 * a few queries, runs {@link FeeChecker} and stores the checks. Used on submission, on publication and by audits.
 */
@Component
class FeeCheckRunner {

    record Checked(FeeView fee, Outcome outcome) {
    }

    private final FeeRepository fees;
    private final SettingFactsLoader settingFacts;

    FeeCheckRunner(FeeRepository fees, SettingFactsLoader settingFacts) {
        this.fees = fees;
        this.settingFacts = settingFacts;
    }

    Map<Integer, SettingFacts> facts(Collection<FeeView> feesToCheck) {
        return settingFacts.load(feesToCheck.stream().map(FeeView::urn).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Checks fees of the framework's year, for settings whose facts are given. */
    List<Checked> check(RateFrameworkView framework, List<FeeView> feesToCheck, Map<Integer, SettingFacts> facts) {
        Set<Integer> urns = feesToCheck.stream().map(FeeView::urn).collect(Collectors.toSet());
        Map<FeeView.Key, Long> previous = fees.currentAmounts(FeeRules.previousYear(framework.financialYear()), urns);
        List<Checked> checked = new ArrayList<>(feesToCheck.size());
        for (FeeView fee : feesToCheck) {
            checked.add(new Checked(fee, FeeChecker.check(framework, facts.get(fee.urn()), fee.band(), fee.kind(),
                    fee.annualFeePence(), fee.justification() != null, previous.get(fee.key()), null, Costs.of(fee.breakdown()))));
        }
        return checked;
    }

    List<Checked> check(RateFrameworkView framework, List<FeeView> feesToCheck) {
        return check(framework, feesToCheck, facts(feesToCheck));
    }

    void store(RateFrameworkView framework, List<Checked> checked, FeeCheckOccasion occasion, Long auditId) {
        fees.insertChecks(checked.stream().map(c -> new NewCheck(c.fee().id(), framework.id(), occasion, auditId, c.outcome())).toList());
    }

    /** How many fees got each verdict, most serious first (the enum's order, as the schema lists them), leaving out verdicts no fee got. */
    static Map<FeeVerdict, Integer> verdictCounts(Collection<Checked> checked) {
        Map<FeeVerdict, Integer> counts = new EnumMap<>(FeeVerdict.class);
        checked.forEach(c -> counts.merge(c.outcome().verdict(), 1, Integer::sum));
        return counts;
    }
}
