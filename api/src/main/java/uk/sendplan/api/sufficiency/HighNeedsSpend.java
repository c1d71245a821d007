package uk.sendplan.api.sufficiency;

import org.springframework.stereotype.Component;
import uk.sendplan.api.kernel.Money;
import uk.sendplan.api.system.Csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An LA's high needs spend by kind of placement, from DfE's high needs benchmarking tool (LAs' Section 251 returns:
 * the 2021-22 budget and 2020-21 outturn, the latest it holds), with the children with EHC plans placed in each kind,
 * so a commissioner sees what a placement of each kind costs them on average. The lines are grouped so that each
 * kind carries both its place funding and its top-up (element 3):
 * <ul>
 * <li>mainstream, resourced provision and SEN units: place funding and maintained top-up for early years, primary
 * and secondary;</li>
 * <li>state special schools: place funding and maintained top-up for special schools;</li>
 * <li>independent and non-maintained special schools: every top-up to non-maintained and independent providers
 * (they get no place funding from the LA);</li>
 * <li>alternative provision and hospital education: PRU and AP place funding and top-up, AP services and hospital
 * education;</li>
 * <li>post-16 and further education: post-school place funding and top-up;</li>
 * <li>SEN support, inclusion and therapy services: not placements, so no cost per child.</li>
 * </ul>
 * Top-up income from other LAs is left out: it is a few LAs' and small. Devon and Thurrock are not in DfE's file.
 */
@Component
class HighNeedsSpend {

    static final String SOURCE = "DfE high needs benchmarking tool: LAs' Section 251 budget 2021-22 and outturn 2020-21";
    private static final String FILE = "/sufficiency/hn_benchmarking_s251_2021_22_by_la.csv";

    /** One kind of placement's spend in pence (null where the LA's return left it blank) and its children with EHC plans. */
    record Line(String kind, Long budgetPence, Long outturnPence, Integer placed) {
        /** The budget per child placed, in pence; null without both. */
        Long budgetPerPlacedPence() {
            return budgetPence == null || placed == null || placed == 0 ? null : Math.round((double) budgetPence / placed);
        }
    }

    /** Kinds in the order a page lists them, each with its placed-count columns and its spend lines (without the year prefix). */
    private record Kind(String name, List<String> placed, List<String> lines) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("Mainstream, resourced provision and SEN units", List.of("placed_mainstream", "placed_resourced_provision_or_sen_unit"),
                    List.of("place_early_years", "place_primary", "place_secondary", "topup_m_early_years", "topup_m_primary", "topup_m_secondary")),
            new Kind("State special schools", List.of("placed_maintained_special_or_special_academy"), List.of("place_special", "topup_m_special")),
            new Kind("Independent and non-maintained special schools", List.of("placed_nmss_or_independent"), List.of("topup_nmss_indep_total")),
            new Kind("Alternative provision and hospital education", List.of("placed_hospital_or_ap"),
                    List.of("place_pru_ap", "topup_m_pru_ap", "ap_services", "hospital_education_services")),
            new Kind("Post-16 and further education", List.of("placed_post16"), List.of("place_post_school", "topup_m_post_school")),
            new Kind("SEN support, inclusion and therapy services", List.of(), List.of("sen_support_inclusion_services", "therapies_health_services")));

    private final Map<String, List<Line>> byLa;

    HighNeedsSpend() {
        this.byLa = read();
    }

    /** The LA's lines in page order; empty for an LA DfE's file does not have. */
    Optional<List<Line>> of(String laCode) {
        return Optional.ofNullable(byLa.get(laCode));
    }

    private static Map<String, List<Line>> read() {
        try (InputStream in = HighNeedsSpend.class.getResourceAsStream(FILE)) {
            List<Csv.Row> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> header = rows.getFirst().fields();
            Map<String, List<Line>> byLa = new HashMap<>();
            for (Csv.Row row : rows.subList(1, rows.size())) {
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), i < row.fields().size() ? row.fields().get(i).trim() : "");
                }
                List<Line> lines = new ArrayList<>();
                for (Kind kind : KINDS) {
                    lines.add(new Line(kind.name(), sum(values, "s251_budget_2021_22_", kind.lines()), sum(values, "s251_outturn_2020_21_", kind.lines()),
                            kind.placed().isEmpty() ? null : count(values, kind.placed())));
                }
                byLa.put(values.get("old_la_code"), List.copyOf(lines));
            }
            return Map.copyOf(byLa);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines' total in pence; null if any line is blank, so a partial return is never shown as a whole. */
    private static Long sum(Map<String, String> values, String prefix, List<String> lines) {
        long pence = 0;
        for (String line : lines) {
            String value = values.get(prefix + line);
            if (value == null || value.isEmpty()) {
                return null;
            }
            pence += Money.pence(new BigDecimal(value).setScale(2, RoundingMode.HALF_UP));
        }
        return pence;
    }

    private static Integer count(Map<String, String> values, List<String> columns) {
        int total = 0;
        for (String column : columns) {
            String value = values.get(column);
            if (value == null || value.isEmpty()) {
                return null;
            }
            total += Integer.parseInt(value);
        }
        return total;
    }
}
