package uk.sendplan.planner.domain;

/** Which children a setting admits. */
public enum SettingGender {
    MIXED, BOYS, GIRLS;

    public boolean admits(Gender gender) {
        return switch (this) {
            case MIXED -> true;
            case BOYS -> gender == Gender.MALE;
            case GIRLS -> gender == Gender.FEMALE;
        };
    }
}
