package uk.sendplan.api.oversight;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.fees.FeeService.RegulatedFee;
import uk.sendplan.api.oversight.OversightView.Flag;
import uk.sendplan.api.oversight.OversightView.PublicMoney;
import uk.sendplan.api.oversight.OversightView.Sums;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The financial oversight of a year, for regulators and admins: every provider's stated figures against the
 * thresholds ({@link OversightFlags}) and the fees it charges ({@link OversightStatistics}). Figures and fee
 * breakdowns are commercially sensitive, so nobody else reads them together; a provider reads its own share of
 * surplus ({@link #own}).
 */
@Service
class Oversight {

    private final ProviderFigures figures;
    private final FeeService fees;
    private final ReferenceData reference;
    private final Access access;

    Oversight(ProviderFigures figures, FeeService fees, ReferenceData reference, Access access) {
        this.figures = figures;
        this.fees = fees;
        this.reference = reference;
        this.access = access;
    }

    @Transactional(readOnly = true)
    OversightView of(String operation, String financialYear) {
        access.require(operation, Role.REGULATOR, Role.ADMIN);
        String year = FiguresRules.financialYear("financialYear", financialYear);
        List<FiguresView> stated = figures.ofYear(year);
        BigDecimal cap = fees.surplusCapPercent(year).orElse(null);
        List<Flag> flags = new ArrayList<>();
        stated.forEach(f -> flags.addAll(OversightFlags.flags(f, cap)));
        List<RegulatedFee> regulated = fees.regulatedFees(year);
        Set<Long> flagged = flags.stream().map(Flag::providerId).collect(Collectors.toSet());
        OversightStatistics statistics = new OversightStatistics(stated, regulated, flagged);
        Set<Long> charging = new HashSet<>();
        regulated.forEach(f -> charging.add(f.providerId()));
        return new OversightView(year, OversightFlags.thresholds(cap), stated.size(), statistics.byOwnerKind(), statistics.byForProfit(), flags,
                statistics.statistics(code -> reference.region(code).map(ReferenceData.Region::name).orElse(code)),
                new PublicMoney(statistics.national(), EXPLANATION), statistics.providers(figures.names(charging)));
    }

    static final String EXPLANATION = "Each fee in force at an independent or non-maintained setting counts once, for one place for a year; "
            + "the share is the surplus the fees' cost breakdowns state over those fees. Fees without a breakdown are counted but add nothing "
            + "to either sum.";

    /** A provider's own fees and surplus for a year, in the same words as the regulator's per-provider row. */
    @Transactional(readOnly = true)
    Sums own(String operation, String financialYear) {
        Actor actor = access.require(operation, Role.PROVIDER);
        String year = FiguresRules.financialYear("financialYear", financialYear);
        return OversightStatistics.sums(fees.regulatedFees(year).stream().filter(f -> f.providerId() == actor.providerId()).toList());
    }
}
