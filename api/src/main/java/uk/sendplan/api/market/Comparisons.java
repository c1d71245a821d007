package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.planning.TailoredLists;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.FeeVerdict;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ProvisionKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A referral's offers side by side with the state settings from the child's tailored list: what each costs the LA a
 * year (fee plus transport from the home district, the planner's cost model), how far and how long the journey is,
 * the setting's Ofsted rating, whether its provider is run for profit, and the fee check's verdict and excess over
 * the reference. Cheapest first. The commissioner's alone: providers never see each other's offers.
 */
@Service
class Comparisons {

    enum Kind {
        OFFER, STATE_SETTING
    }

    record Row(Kind kind, OfferView offer, long annualFeePence, long transportPence, long totalAnnualCostPence, double distanceKm,
               double travelMinutes, FeeVerdict feeVerdict, Long excessOverReferencePence, int vacancies, SettingView setting,
               Boolean forProfit) {
    }

    /** State settings shown beside the offers. */
    static final int STATE_OPTIONS = 5;

    private final ReferralRepository referrals;
    private final OfferRepository offers;
    private final DemandService demand;
    private final TailoredLists tailoredLists;
    private final SettingService settings;
    private final Access access;

    Comparisons(ReferralRepository referrals, OfferRepository offers, DemandService demand, TailoredLists tailoredLists, SettingService settings,
                Access access) {
        this.referrals = referrals;
        this.offers = offers;
        this.demand = demand;
        this.tailoredLists = tailoredLists;
        this.settings = settings;
        this.access = access;
    }

    @Transactional(readOnly = true)
    List<Row> compare(ReferralView referral) {
        Actor actor = access.require("Referral.comparison", Role.COMMISSIONER);
        if (!referral.laCode().equals(actor.laCode())) {
            throw access.outOfScope("Referral.comparison");
        }
        List<OfferView> live = offers.ofReferrals(List.of(referral.id()), null).get(referral.id()).stream()
                .filter(o -> o.status() == OfferStatus.OPEN || o.status() == OfferStatus.AWARDED).toList();
        List<TailoredLists.StateOption> state = tailoredLists.stateAlternatives(demand.find(referral.requestId()).orElseThrow(), STATE_OPTIONS)
                .stateOptions();
        Map<Integer, SettingView> views = settings.findAll(Stream.concat(live.stream().map(OfferView::urn), state.stream().map(TailoredLists.StateOption::urn))
                .toList());
        Map<Long, ProviderView> providers = settings.providers(views.values().stream().map(SettingView::providerId).toList());
        Map<Integer, Integer> vacancies = vacancies(referral, views.keySet().stream().toList());
        List<Row> rows = new ArrayList<>();
        for (OfferView offer : live) {
            SettingView s = views.get(offer.urn());
            rows.add(offerRow(referral, offer, s, vacancies.getOrDefault(offer.urn(), 0), providers.get(s.providerId()).forProfit()));
        }
        for (TailoredLists.StateOption o : state) {
            SettingView s = views.get(o.urn());
            rows.add(new Row(Kind.STATE_SETTING, null, o.feePence(), o.transportPence(), o.annualCostPence(), o.distanceKm(),
                    o.travelMinutes(), FeeVerdict.NOT_REGULATED, null, o.vacancies(), s, providers.get(s.providerId()).forProfit()));
        }
        rows.sort(Comparator.comparingLong(Row::totalAnnualCostPence).thenComparingDouble(Row::travelMinutes));
        return rows;
    }

    /**
     * One offer's row as {@link #compare} shows it, without the tailored list's state settings: what an award's
     * confirmation needs, at the cost of one setting's reads.
     */
    @Transactional(readOnly = true)
    Row compareOffer(ReferralView referral, OfferView offer) {
        Actor actor = access.require("Referral.comparison", Role.COMMISSIONER);
        if (!referral.laCode().equals(actor.laCode()) || offer.referralId() != referral.id()) {
            throw access.outOfScope("Referral.comparison");
        }
        SettingView s = settings.find(offer.urn()).orElseThrow();
        Boolean forProfit = settings.provider(s.providerId()).map(ProviderView::forProfit).orElse(null);
        return offerRow(referral, offer, s, vacancies(referral, List.of(offer.urn())).getOrDefault(offer.urn(), 0), forProfit);
    }

    /** An offer's cost to the LA a year: its fee and the transport from the home district (a residential place's journeys as Journeys counts them). */
    private static Row offerRow(ReferralView referral, OfferView offer, SettingView s, int vacancies, Boolean forProfit) {
        OfferView.Terms t = offer.terms();
        boolean residential = t.kind() == ProvisionKind.RESIDENTIAL_38_WEEK || t.kind() == ProvisionKind.RESIDENTIAL_52_WEEK;
        Journeys.Journey journey = Journeys.between(referral.homeEasting(), referral.homeNorthing(), s.location().easting(),
                s.location().northing(), residential);
        return new Row(Kind.OFFER, offer, t.annualFeePence(), journey.transportPence(), t.annualFeePence() + journey.transportPence(),
                journey.distanceKm(), journey.travelMinutes(), t.verdict(), t.excessOverReferencePence(), vacancies, s, forProfit);
    }

    /** Free places in the referral's need and phase, per setting. */
    private Map<Integer, Integer> vacancies(ReferralView referral, List<Integer> urns) {
        Map<Integer, Integer> free = new java.util.HashMap<>();
        settings.places(urns).forEach((urn, cells) -> cells.stream()
                .filter(c -> c.need().equals(referral.primaryNeed()) && c.phase().equals(referral.phase()))
                .forEach(c -> free.merge(urn, c.vacancies(), Integer::sum)));
        return free;
    }
}
