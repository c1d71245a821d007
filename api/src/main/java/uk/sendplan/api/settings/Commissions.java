package uk.sendplan.api.settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.sendplan.api.settings.SettingService.PlaceCell;
import uk.sendplan.api.settings.SettingService.PlaceKey;
import uk.sendplan.api.system.ApiException;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Places that block contracts commission in the register, for the features that make and use them: the market writes
 * and releases a contract's places, planning reads them to keep them for the contracting LAs' children.
 */
@Service
public class Commissions {

    /**
     * One LA's share of a block contract in one cell: {@code places} contracted, {@code filled} by approved placements on
     * the contract, at {@code annualFeePence} a place, paid whether filled or not.
     */
    public record ContractedPlaces(long contractId, String laCode, String financialYear, int places, int filled, long annualFeePence) {
        public int free() {
            return Math.max(0, places - filled);
        }
    }

    private final CommissionRepository commissions;
    private final SettingRepository settings;

    Commissions(CommissionRepository commissions, SettingRepository settings) {
        this.commissions = commissions;
        this.settings = settings;
    }

    /** The contracted places of a financial year in these settings, by cell. */
    public Map<PlaceKey, List<ContractedPlaces>> contracted(Collection<Integer> urns, String financialYear) {
        return urns.isEmpty() ? Map.of() : commissions.contractedIn(urns, financialYear);
    }

    /**
     * Commissions a contract's places in the register, each LA its share, within the caller's transaction. The cell is
     * locked first (as approvals and setPlaces lock it), so the capacity read here stays true until commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void commission(String field, long contractId, PlaceKey cell, String financialYear, long annualFeePence, Map<String, Integer> places) {
        PlaceCell locked = settings.lockPlaces(List.of(cell)).get(cell);
        if (locked == null) {
            throw ApiException.badRequest(field, "setting " + cell.urn() + " no longer has " + cell.need() + " " + cell.phase()
                    + " places to commission");
        }
        int already = commissions.commissioned(cell, financialYear);
        int asked = places.values().stream().mapToInt(Integer::intValue).sum();
        if (already + asked > locked.capacity()) {
            throw ApiException.badRequest(field, "setting " + cell.urn() + " has " + locked.capacity() + " " + cell.need() + " "
                    + cell.phase() + " places, " + already + " of them already commissioned for " + financialYear + "; "
                    + asked + " more would exceed its capacity");
        }
        commissions.insert(contractId, cell, financialYear, annualFeePence, places);
    }

    /** Takes an ended contract's places out of the register (the caller has ended the contract first). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(long contractId) {
        commissions.delete(contractId);
    }
}
