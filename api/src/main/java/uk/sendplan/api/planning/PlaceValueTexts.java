package uk.sendplan.api.planning;

import org.springframework.stereotype.Component;
import uk.sendplan.api.planning.PlaceValueRepository.CellValue;
import uk.sendplan.api.planning.PlaceValueRepository.LocalAuthorityValue;
import uk.sendplan.api.reference.ReferenceData;

import java.util.Locale;

/** Place values in words, the same on GraphQL's summaries and on the where-to-invest page. */
@Component
class PlaceValueTexts {

    private final ReferenceData reference;

    PlaceValueTexts(ReferenceData reference) {
        this.reference = reference;
    }

    /** "One more ASD secondary place at X (URN n) would save £41,200 a year", amounts to the nearest £100. */
    String summary(CellValue cell) {
        String place = "One more " + cell.need() + " " + phase(cell.phase()) + " place at " + cell.settingName() + " (URN " + cell.urn() + ")"
                + (cell.contractId() == null ? "" : " under block contract " + cell.contractId() + " for "
                + reference.localAuthority(cell.contractLaCode()).orElseThrow().name());
        String moved = cell.childrenMoved() == 0 ? "" : cell.childrenMoved() == 1 ? " (1 child would move)"
                : " (" + cell.childrenMoved() + " children would move)";
        if (cell.childrenPlaced() == 1) {
            return place + " would place a child who has none, " + (cell.annualSavingPence() <= 0
                    ? "at " + pounds(-cell.annualSavingPence()) + " a year" : "and save " + pounds(cell.annualSavingPence()) + " a year") + moved;
        }
        if (cell.annualSavingPence() > 0) {
            return place + " would save " + pounds(cell.annualSavingPence()) + " a year" + moved;
        }
        // the saving is in the plan's weighed penalties (a preference met, a child nearer home), at some cost
        return place + " would cost " + pounds(-cell.annualSavingPence()) + " a year more but save "
                + pounds(cell.scoreSavingPence() - cell.annualSavingPence()) + " a year in the plan's weighed penalties" + moved;
    }

    /** "One more SEMH primary place in Hackney would place a child who has none (at any of 2 settings)". */
    String summary(LocalAuthorityValue value) {
        String place = "One more " + value.need() + " " + phase(value.phase()) + " place in "
                + reference.localAuthority(value.laCode()).orElseThrow().name();
        String where = value.cells() == 1 ? "1 setting" : value.cells() + " settings";
        if (value.childrenPlaced() > 0) {
            String at = value.childrenPlaced() == value.cells() ? (value.cells() == 1 ? "at 1 setting" : "at any of " + where)
                    : "at " + value.childrenPlaced() + " of the " + where + " where one more place has a value";
            return place + " would place a child who has none (" + at + ")";
        }
        if (value.annualSavingPence() > 0) {
            return place + " would save money at " + where + ": " + pounds(value.annualSavingPence())
                    + " a year between them, each place valued alone";
        }
        return place + " would meet the plan's priorities better at " + where + ": " + pounds(value.scoreSavingPence())
                + " a year in cost and weighed penalties between them, each place valued alone";
    }

    /** "secondary", "post-16", "early years": as a phase reads in a sentence. */
    static String phase(String code) {
        return code.toLowerCase(Locale.ROOT).replace("post_", "post-").replace('_', ' ');
    }

    /** Pounds for people: to the nearest £100 from £1,000 (a place's value is an estimate), else to the pound. */
    static String pounds(long pence) {
        long whole = Math.round(pence / 100.0);
        long shown = Math.abs(whole) >= 1_000 ? Math.round(whole / 100.0) * 100 : whole;
        return String.format(Locale.UK, "£%,d", shown);
    }
}
