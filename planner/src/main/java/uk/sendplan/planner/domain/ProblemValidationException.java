package uk.sendplan.planner.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A problem was refused; {@link #errors()} lists everything wrong with it, not just the first thing. */
public class ProblemValidationException extends IllegalArgumentException {

    private final transient List<ValidationError> errors;

    public ProblemValidationException(List<ValidationError> errors) {
        super(errors.size() + (errors.size() == 1 ? " problem" : " problems") + " in the input:\n"
                + errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
