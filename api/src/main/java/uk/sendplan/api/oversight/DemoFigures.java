package uk.sendplan.api.oversight;

import org.springframework.stereotype.Component;
import uk.sendplan.api.oversight.FiguresInputs.StateProviderFiguresInput;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.db.types.OwnerKind;
import uk.sendplan.db.types.ProviderKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * ILLUSTRATIVE group figures for 2026-27 (not any real provider's accounts), stated by every demo provider of
 * independent, non-maintained and specialist post-16 settings, so a regulator has margins, debt and flags to read.
 * Groups run for profit have margins of 4% to 12% and net debt up to 3.5 times turnover; charities and trusts from a
 * small loss to 5% with little debt. Two break the thresholds on purpose: the first for-profit independent group after
 * the demo provider user's own is owned by private equity with a margin of 23% and net debt 5 times turnover (the CMA's
 * finding for the largest children's-home groups), and the first specialist college group not run for profit makes a
 * loss with net debt 1.4 times turnover. The demo provider user's own group states unflagged figures, so stating a
 * breaking year shows a flag appear.
 */
@Component
public class DemoFigures {

    static final String YEAR = "2026-27";
    /** Its own seed, so the rest of the demo draws as before. */
    private static final long SEED = 1503L;

    private final SettingService settings;
    private final ProviderFigures figures;

    DemoFigures(SettingService settings, ProviderFigures figures) {
        this.settings = settings;
        this.figures = figures;
    }

    /** States every demo provider's figures (run as the system, once, on a fresh demo database); returns how many. */
    public int load() {
        List<ProviderView> providers = settings.providers(settings.demoSettings().stream().map(SettingView::providerId).distinct().toList())
                .values().stream().filter(p -> p.demo() && p.kind() != ProviderKind.ACADEMY_TRUST && p.kind() != ProviderKind.LOCAL_AUTHORITY)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
        long demoUser = settings.firstDemoProvider(ProviderKind.INDEPENDENT).orElse(-1L);
        Random random = new Random(SEED);
        boolean privateEquityBreaker = false;
        boolean lossBreaker = false;
        for (ProviderView p : providers) {
            boolean forProfit = Boolean.TRUE.equals(p.forProfit());
            if (!privateEquityBreaker && forProfit && p.kind() == ProviderKind.INDEPENDENT && p.id() != demoUser) {
                privateEquityBreaker = true;
                state(p, 48_000_000_00L, 23, 500, OwnerKind.PRIVATE_EQUITY, true);
            } else if (!lossBreaker && !forProfit && p.kind() == ProviderKind.FURTHER_EDUCATION) {
                lossBreaker = true;
                state(p, 9_500_000_00L, -3, 140, OwnerKind.LOCAL_AUTHORITY_OR_TRUST, false);
            } else {
                long turnover = (p.kind() == ProviderKind.INDEPENDENT ? 5_000_000 + random.nextInt(95_000_000)
                        : 3_000_000 + random.nextInt(20_000_000)) * 100L / 1000 * 1000;
                OwnerKind owner = forProfit ? forProfitOwner(random, p.id() == demoUser)
                        : p.kind() == ProviderKind.FURTHER_EDUCATION && random.nextBoolean() ? OwnerKind.LOCAL_AUTHORITY_OR_TRUST : OwnerKind.CHARITY;
                int margin = forProfit ? 4 + random.nextInt(9) : -1 + random.nextInt(7);
                int debtPercent = forProfit ? (owner == OwnerKind.PRIVATE_EQUITY ? 150 + random.nextInt(151) : random.nextInt(200))
                        : -30 + random.nextInt(80);
                // drawn all the same, so every other group's figures stay as they are
                state(p, turnover, p.id() == demoUser ? 6 : margin, p.id() == demoUser ? 80 : debtPercent, owner, forProfit);
            }
        }
        return providers.size();
    }

    /** The demo provider user's own group is family-owned, so a private-equity flag elsewhere is not its. */
    private static OwnerKind forProfitOwner(Random random, boolean demoUser) {
        if (demoUser) {
            return OwnerKind.FAMILY;
        }
        double draw = random.nextDouble();
        return draw < 0.4 ? OwnerKind.PRIVATE_EQUITY : draw < 0.75 ? OwnerKind.FAMILY : draw < 0.85 ? OwnerKind.LISTED : OwnerKind.OTHER;
    }

    /** Turnover in pence; margin as whole percent; net debt as percent of turnover. */
    private void state(ProviderView p, long turnoverPence, int marginPercent, int debtPercent, OwnerKind owner, boolean forProfit) {
        figures.state(new StateProviderFiguresInput(String.valueOf(p.id()), YEAR, pounds(turnoverPence), pounds(turnoverPence * marginPercent / 100),
                pounds(turnoverPence * debtPercent / 100), owner, forProfit));
    }

    private static BigDecimal pounds(long pence) {
        return BigDecimal.valueOf(pence, 2);
    }
}
