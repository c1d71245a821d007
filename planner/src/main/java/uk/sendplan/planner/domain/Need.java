package uk.sendplan.planner.domain;

/** Primary type of special educational need, as coded in the DfE SEN2 return. */
public enum Need {
    /** Specific learning difficulty. */
    SPLD,
    /** Moderate learning difficulty. */
    MLD,
    /** Severe learning difficulty. */
    SLD,
    /** Profound and multiple learning difficulty. */
    PMLD,
    /** Social, emotional and mental health. */
    SEMH,
    /** Speech, language and communication needs. */
    SLCN,
    /** Hearing impairment. */
    HI,
    /** Visual impairment. */
    VI,
    /** Multi-sensory impairment. */
    MSI,
    /** Physical disability. */
    PD,
    /** Autistic spectrum disorder. */
    ASD,
    /** Other difficulty or disability. */
    OTH
}
