package uk.sendplan.api.market;

import org.springframework.stereotype.Component;
import uk.sendplan.api.demand.DemandService;
import uk.sendplan.api.demand.DemoDemand;
import uk.sendplan.api.demand.PlacementRequestView;
import uk.sendplan.api.fees.FeeService;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.system.Actor;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.CurrentUser;
import uk.sendplan.api.system.Role;
import uk.sendplan.db.types.DeclineReason;
import uk.sendplan.db.types.ProvisionKind;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The demo market loaded at first start, through the market's own services acting as each LA's commissioner and each
 * provider (so every step is checked and audited as a user's would be): demo children in four LAs referred, offers
 * from the demo independent providers at fees around the framework's reference (a few above it, justified, and one
 * per LA above the ceiling, refused), declines, and in each LA one award accepted (the place taken) and one awaiting
 * the provider; and a block contract Camden and Hackney hold jointly at a demo independent special school. Seeded: the
 * same register and fees give the same market; only its dates follow the day it loads.
 */
@Component
public class DemoMarket {

    /** Camden and Hackney (the demo commissioners'), Kent and Birmingham. */
    static final List<String> LAS = List.of("202", "204", "886", "330");
    static final int CHILDREN_PER_LA = 6;
    static final long SEED = 2_026_1130L;
    /** Settings of a referral that answer it (of up to 25 it was sent to). */
    static final int ANSWERING = 8;

    public record Loaded(int referrals, int offers, int refused, int declined, int accepted, int awaiting, String blockContract) {
    }

    /** The joint block contract: Camden's and Hackney's shares of it. */
    static final int CONTRACT_PLACES_EACH = 2;

    private final DemoDemand demoDemand;
    private final DemandService demand;
    private final Referrals referrals;
    private final Offers offers;
    private final Awards awards;
    private final ReferralRepository referralRepository;
    private final FeeService fees;
    private final SettingService settings;
    private final BlockContracts contracts;
    private final CurrentUser currentUser;

    DemoMarket(DemoDemand demoDemand, DemandService demand, Referrals referrals, Offers offers, Awards awards, ReferralRepository referralRepository,
               FeeService fees, SettingService settings, BlockContracts contracts, CurrentUser currentUser) {
        this.settings = settings;
        this.contracts = contracts;
        this.demoDemand = demoDemand;
        this.demand = demand;
        this.referrals = referrals;
        this.offers = offers;
        this.awards = awards;
        this.referralRepository = referralRepository;
        this.fees = fees;
        this.currentUser = currentUser;
    }

    public Loaded load() {
        Random random = new Random(SEED);
        String term = nextTerm(MarketRules.today());
        LocalDate start = MarketRules.termStart(term).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate validUntil = MarketRules.schoolDaysAfter(MarketRules.today(), 20).isBefore(start)
                ? MarketRules.schoolDaysAfter(MarketRules.today(), 20) : start;
        int[] counts = new int[6];
        for (String la : LAS) {
            Actor commissioner = new Actor("system:demo-market", Role.COMMISSIONER, la, null, null);
            List<ReferralView> made = new ArrayList<>();
            currentUser.as(commissioner, () -> {
                demoDemand.generate(la, CHILDREN_PER_LA, term, (int) (SEED % 1000) + Integer.parseInt(la));
                // a child no independent setting within reach can take is left for the LA to name settings by hand
                List<PlacementRequestView> children = demand.unplaced(List.of(la)).stream().filter(r -> r.demo() && r.startTerm().equals(term))
                        .sorted(Comparator.comparing(PlacementRequestView::id)).toList();
                made.addAll(referrals.referAll(children, null, MarketRules.respondBy("respondBy", null, MarketRules.today()),
                        "Demo referral: illustrative only.").referrals());
            });
            boolean refusedOne = false;
            List<Long> offered = new ArrayList<>();
            for (ReferralView referral : made) {
                counts[0]++;
                // eight of the settings answer (by URN): about a third offer, a third decline, the rest stay silent
                List<RecipientView> recipients = referralRepository.recipients(List.of(referral.id()), null).get(referral.id());
                for (RecipientView recipient : recipients.subList(0, Math.min(ANSWERING, recipients.size()))) {
                    Actor provider = new Actor("system:demo-market", Role.PROVIDER, null, null, recipient.providerId());
                    double roll = random.nextDouble();
                    if (!hasFreePlace(referral, recipient.urn())) {
                        // a full setting declines, or says nothing
                        if (roll < 0.65) {
                            currentUser.as(provider, () -> offers.decline(new Offers.DeclineReferralInput(String.valueOf(referral.id()), recipient.urn(),
                                    DeclineReason.NO_PLACE_AT_START)));
                            counts[3]++;
                        }
                        continue;
                    }
                    boolean refuse = !refusedOne && roll < 0.35;
                    if (roll < 0.35) {
                        Long id = offer(provider, referral, recipient.urn(), start, validUntil, random, refuse);
                        if (refuse) {
                            refusedOne = true;
                            counts[2]++;
                            id = offer(provider, referral, recipient.urn(), start, validUntil, random, false);
                        }
                        if (id != null) {
                            counts[1]++;
                            offered.add(referral.id());
                        }
                    } else if (roll < 0.65) {
                        DeclineReason reason = DeclineReason.values()[random.nextInt(DeclineReason.values().length)];
                        currentUser.as(provider, () -> offers.decline(new Offers.DeclineReferralInput(String.valueOf(referral.id()), recipient.urn(), reason)));
                        counts[3]++;
                    }
                }
            }
            awardTwo(commissioner, made, counts);
        }
        return new Loaded(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], blockContract());
    }

    /**
     * Camden and Hackney commission two ASD, SEMH or other secondary places each for this financial year at the demo
     * independent special school nearest Camden with room for them, at 95% of the framework's band 3 reference; the
     * provider accepts. Returns how it reads, e.g. "4 SEMH SECONDARY places at … (URN …)".
     */
    private String blockContract() {
        String year = MarketRules.financialYear(MarketRules.today());
        Actor camden = new Actor("system:demo-market", Role.COMMISSIONER, "202", null, null);
        for (SettingService.PlanningSetting school : settings.openSettingsNear(List.of("202"), 15_000).stream()
                .filter(s -> "INDEPENDENT_SPECIAL".equals(s.type()) && s.urn() >= 9_000_000)
                .sorted(Comparator.comparingInt(SettingService.PlanningSetting::urn)).toList()) {
            for (SettingService.PlaceCell cell : school.places()) {
                if (!cell.phase().equals("SECONDARY") || cell.capacity() < 4 * CONTRACT_PLACES_EACH || cell.vacancies() < 2 * CONTRACT_PLACES_EACH) {
                    continue;
                }
                FeeService.OfferCheck probe = fees.checkOffer("demo", year, school.urn(), 3, ProvisionKind.DAY, 100L, cell.need(), false, null, null);
                if (probe.adjustedReferencePence() == null) {
                    continue;
                }
                long fee = probe.adjustedReferencePence() * 95 / 100 / 10_000 * 10_000;
                var input = new BlockContracts.ProposeBlockContractInput(school.urn(), cell.need(), cell.phase(), year, 3, ProvisionKind.DAY,
                        Money.pounds(fee), null, List.of(new BlockContracts.PartyInput("202", CONTRACT_PLACES_EACH),
                        new BlockContracts.PartyInput("204", CONTRACT_PLACES_EACH)));
                BlockContractView[] proposed = new BlockContractView[1];
                currentUser.as(camden, () -> proposed[0] = contracts.propose(input));
                currentUser.as(new Actor("system:demo-market", Role.PROVIDER, null, null, school.providerId()),
                        () -> contracts.accept(String.valueOf(proposed[0].id())));
                return 2 * CONTRACT_PLACES_EACH + " " + cell.need() + " " + cell.phase() + " places at " + school.name() + " (URN " + school.urn() + ")";
            }
        }
        return "none: no demo independent special school near Camden has room";
    }

    /** Awards the cheapest offer of the first two referrals that have one; the first award is accepted by its provider. */
    private void awardTwo(Actor commissioner, List<ReferralView> made, int[] counts) {
        int awarded = 0;
        for (ReferralView referral : made) {
            if (awarded == 2) {
                return;
            }
            List<OfferView> open = offersOf(commissioner, referral);
            if (open.isEmpty()) {
                continue;
            }
            OfferView cheapest = open.stream().min(Comparator.comparingLong(o -> o.terms().annualFeePence())).orElseThrow();
            AgreementView[] agreement = new AgreementView[1];
            try {
                currentUser.as(commissioner, () -> agreement[0] = awards.award(String.valueOf(cheapest.id())));
            } catch (ApiException full) {
                continue;  // the setting has no place free now: another referral's offer is awarded instead
            }
            awarded++;
            if (awarded == 1) {
                currentUser.as(new Actor("system:demo-market", Role.PROVIDER, null, null, cheapest.providerId()),
                        () -> awards.accept(String.valueOf(agreement[0].id())));
                counts[4]++;
            } else {
                counts[5]++;
            }
        }
    }

    private boolean hasFreePlace(ReferralView referral, int urn) {
        return settings.planningSetting(urn).orElseThrow().vacancies(referral.primaryNeed(), referral.phase()) > 0;
    }

    private List<OfferView> offersOf(Actor commissioner, ReferralView referral) {
        List<List<OfferView>> found = new ArrayList<>();
        currentUser.as(commissioner, () -> found.add(offers.ofReferrals(List.of(referral)).get(referral.id())));
        return found.getFirst().stream().filter(o -> o.status() == uk.sendplan.db.types.OfferStatus.OPEN).toList();
    }

    /**
     * An offer near the framework's reference for the child's band (80% to 115% of it, above it with a justification;
     * never more than the uplift cap over the setting's own fee last year), or, when {@code aboveCeiling}, 8% above the ceiling so the fee check refuses it. Null when the offer is refused.
     */
    private Long offer(Actor provider, ReferralView referral, int urn, LocalDate start, LocalDate validUntil, Random random, boolean aboveCeiling) {
        ProvisionKind kind = referral.provision() == ProvisionKind.DAY && (referral.phase().equals("POST_16") || referral.phase().equals("POST_19"))
                ? ProvisionKind.POST_16 : referral.provision();
        Long[] id = new Long[1];
        currentUser.as(provider, () -> {
            FeeService.OfferCheck probe = fees.checkOffer("demo", MarketRules.financialYear(start), urn, referral.band(), kind, 100L, referral.primaryNeed(),
                    false, null, null);
            if (probe.adjustedReferencePence() == null) {
                return;  // no band for this child: a real provider would price it by hand
            }
            long reference = probe.adjustedReferencePence();
            long fee = aboveCeiling ? probe.adjustedCeilingPence() * 108 / 100
                    : reference * (80 + random.nextInt(36)) / 100;
            if (!aboveCeiling && probe.previousFeePence() != null) {
                // no more than the cap over the setting's own fee last year, as the framework allows
                fee = Math.min(fee, new BigDecimal(probe.previousFeePence()).multiply(BigDecimal.valueOf(100).add(probe.maxUpliftPercent()))
                        .divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.DOWN).longValueExact());
            }
            fee = fee / 10_000 * 10_000;  // whole hundreds of pounds
            long care = referral.provision() == ProvisionKind.DAY ? fee / 10 : fee * 4 / 10;
            long therapies = referral.therapies().isEmpty() ? fee / 20 : fee / 8;
            long education = fee - care - therapies;
            var input = new Offers.MakeOfferInput(String.valueOf(referral.id()), urn, kind, Money.pounds(fee),
                    new Offers.BreakdownInput(Money.pounds(education), Money.pounds(care), Money.pounds(therapies), BigDecimal.ZERO.setScale(2), null),
                    start.toString(), validUntil.toString(), "Demo offer: subject to a transition plan agreed with the family.",
                    fee > reference ? "Demo: a 1:1 key worker and on-site speech and language therapy the reference rate does not cover." : null);
            try {
                id[0] = offers.make(input).id();
            } catch (ApiException refused) {
                if (!aboveCeiling) {
                    throw refused;
                }
            }
        });
        return id[0];
    }

    /** The first term to begin at least four weeks from today. */
    static String nextTerm(LocalDate today) {
        LocalDate from = today.plusWeeks(4);
        for (int year = from.getYear(); ; year++) {
            for (String term : List.of("SPRING", "SUMMER", "AUTUMN")) {
                if (!MarketRules.termStart(year + "-" + term).isBefore(from)) {
                    return year + "-" + term;
                }
            }
        }
    }
}
