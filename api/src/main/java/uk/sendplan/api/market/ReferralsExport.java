package uk.sendplan.api.market;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.OfferStatus;
import uk.sendplan.db.types.ReferralStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Referrals as CSV, newest first: for a commissioner their LA's, each with the child's case reference, how many
 * settings answered, the cheapest open offer and the agreement; for a provider those sent to its settings, each with
 * its own answer and offer (never another provider's). Text is neutralised as in every export.
 */
@Service
class ReferralsExport {

    /** Rows in one export at most (newest first). */
    static final int MAX_ROWS = 5_000;

    static final List<String> COMMISSIONER_HEADER = List.of("referral_id", "reference", "need", "secondary_need", "band", "age", "phase",
            "home_district", "provision", "start_term", "respond_by", "status", "settings_sent", "settings_answered", "open_offers",
            "cheapest_offer_urn", "cheapest_offer_fee", "cheapest_offer_verdict", "agreement_status", "agreement_fee");
    static final List<String> PROVIDER_HEADER = List.of("referral_id", "la_code", "need", "secondary_need", "band", "age", "phase",
            "home_district", "provision", "start_term", "respond_by", "status", "your_settings", "your_answers", "your_offer_fee",
            "your_offer_status", "agreement_status", "agreement_fee");

    private final ReferralReads referrals;
    private final Offers offers;
    private final Awards awards;
    private final DemandService demand;
    private final Access access;

    ReferralsExport(ReferralReads referrals, Offers offers, Awards awards, DemandService demand, Access access) {
        this.referrals = referrals;
        this.offers = offers;
        this.awards = awards;
        this.demand = demand;
        this.access = access;
    }

    @Transactional(readOnly = true)
    String csv(List<ReferralStatus> statuses) {
        Actor actor = access.require("referralsCsv", Role.COMMISSIONER, Role.PROVIDER);
        List<ReferralView> rows = referrals.search(statuses, null, MAX_ROWS);
        Map<Long, List<RecipientView>> recipients = rows.isEmpty() ? Map.of() : referrals.recipients(rows);
        Map<Long, List<OfferView>> offered = rows.isEmpty() ? Map.of() : offers.ofReferrals(rows);
        Map<Long, AgreementView> agreements = rows.isEmpty() ? Map.of() : awards.latestOfReferrals(rows.stream().map(ReferralView::id).toList());
        boolean commissioner = actor.is(Role.COMMISSIONER);
        Map<Long, PlacementRequestView> children = commissioner && !rows.isEmpty()
                ? demand.findAll(rows.stream().map(ReferralView::requestId).toList()) : Map.of();
        StringBuilder out = new StringBuilder(Csv.line(commissioner ? COMMISSIONER_HEADER : PROVIDER_HEADER)).append("\r\n");
        for (ReferralView r : rows) {
            List<Object> line = new ArrayList<>(List.of(r.id(), commissioner ? children.get(r.requestId()).reference() : r.laCode(), r.primaryNeed()));
            line.add(r.secondaryNeed());
            line.addAll(List.of(r.band(), r.age(), r.phase(), r.homeDistrict(), r.provision().name(), r.startTerm(), r.respondBy().toString(),
                    r.status().name()));
            List<RecipientView> sent = recipients.get(r.id());
            List<OfferView> own = offered.get(r.id());
            AgreementView agreement = Optional.ofNullable(agreements.get(r.id())).filter(a -> Awards.party(actor, a)).orElse(null);
            if (commissioner) {
                Optional<OfferView> cheapest = own.stream().filter(o -> o.status() == OfferStatus.OPEN || o.status() == OfferStatus.AWARDED)
                        .min(Comparator.comparingLong(o -> o.terms().annualFeePence()));
                line.add(sent.size());
                line.add(sent.stream().filter(s -> s.response() != null).count());
                line.add(own.stream().filter(o -> o.status() == OfferStatus.OPEN).count());
                line.add(cheapest.map(OfferView::urn).orElse(null));
                line.add(cheapest.map(o -> (Object) Money.pounds(o.terms().annualFeePence())).orElse(null));
                line.add(cheapest.map(o -> o.terms().verdict().name()).orElse(null));
            } else {
                line.add(sent.stream().map(s -> String.valueOf(s.urn())).collect(Collectors.joining(" ")));
                line.add(sent.stream().map(s -> s.response() == null ? "none yet" : s.response() + (s.declineReason() == null ? "" : " (" + s.declineReason() + ")"))
                        .collect(Collectors.joining(" ")));
                Optional<OfferView> latest = own.stream().findFirst();
                line.add(latest.map(o -> (Object) Money.pounds(o.terms().annualFeePence())).orElse(null));
                line.add(latest.map(o -> o.status().name()).orElse(null));
            }
            line.add(agreement == null ? null : agreement.status().name());
            line.add(agreement == null ? null : (Object) Money.pounds(agreement.annualFeePence()));
            out.append(Csv.line(line)).append("\r\n");
        }
        return out.toString();
    }
}
