package uk.sendplan.planner.solver.justifications;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

import uk.sendplan.planner.domain.Gender;
import uk.sendplan.planner.domain.SettingGender;

/** A single-sex setting does not admit the child. */
public record GenderNotAdmitted(String requestId, String settingId, Gender gender, SettingGender admits)
        implements ConstraintJustification {
}
