package uk.sendplan.db.types;

/**
 * Where a block contract stands (column block_contract.status): PROPOSED by the lead commissioner, ACTIVE once the
 * provider accepts (its places are commissioned in the register), DECLINED by the provider, WITHDRAWN by the
 * commissioner before an answer, ENDED early by the commissioner (its places are released).
 */
public enum BlockContractStatus {
    PROPOSED, ACTIVE, DECLINED, WITHDRAWN, ENDED
}
