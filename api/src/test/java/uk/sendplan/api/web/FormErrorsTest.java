package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.system.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's refusal goes next to the form field its path stands for: the most particular one when fields nest. */
class FormErrorsTest {

    @Test
    void aPathWithinNestedFieldsGoesToTheMostParticular() {
        // the whole first, as a map may hand them out in any order
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("input.changes", "changes");
        fields.put("input.changes.feeChanges", "feePercent");
        FormErrors errors = new FormErrors();
        errors.add(ApiException.badRequest("input.changes.feeChanges[0].percent", "a change from -90% to +200%, got -95"), fields, "name");
        errors.add(ApiException.badRequest("input.changes", "give at least one change"), fields, "name");
        assertThat(errors.all()).containsExactly(new FormErrors.Problem("feePercent", "A change from -90% to +200%, got -95"),
                new FormErrors.Problem("changes", "Give at least one change"));
    }

    @Test
    void aPathNoFieldStandsForGoesToTheFallbackWithThePath() {
        FormErrors errors = new FormErrors();
        errors.add(ApiException.badRequest("input.laCode", "name the LA"), Map.of("input.changes", "changes"), "name");
        assertThat(errors.all()).containsExactly(new FormErrors.Problem("name", "Input.laCode: name the LA"));
    }

    @Test
    void anAttemptRefusedForItsValuesIsEmptyAndTheRefusalIsByItsField() {
        FormErrors errors = new FormErrors();
        Optional<String> answer = errors.attempt(() -> {
            throw ApiException.badRequest("input.band", "must be a band the framework prices");
        }, Map.of("input.band", "band"), "name");
        assertThat(answer).isEmpty();
        assertThat(errors.all()).containsExactly(new FormErrors.Problem("band", "Must be a band the framework prices"));
    }

    @Test
    void anAttemptThatGoesThroughAnswersAndAddsNothing() {
        FormErrors errors = new FormErrors();
        assertThat(errors.attempt(() -> "saved", Map.of(), "name")).contains("saved");
        assertThat(errors.attemptRun(() -> { }, Map.of(), "name")).isTrue();
        assertThat(errors.any()).isFalse();
    }

    @Test
    void anAttemptRunRefusedForItsValuesIsFalse() {
        FormErrors errors = new FormErrors();
        boolean done = errors.attemptRun(() -> {
            throw ApiException.badRequest("reason", "must be 2,000 characters or fewer");
        }, Map.of("reason", "reason"), "name");
        assertThat(done).isFalse();
        assertThat(errors.all()).containsExactly(new FormErrors.Problem("reason", "Must be 2,000 characters or fewer"));
    }

    @Test
    void aRefusalThatIsNotAboutTheFormsValuesGoesOnAndIsNotShownByAField() {
        FormErrors errors = new FormErrors();
        ApiException forbidden = ApiException.forbidden("not your provider's referral");
        ApiException missing = ApiException.notFound("id", "no referral with id 7");
        assertThatThrownBy(() -> errors.attempt(() -> {
            throw forbidden;
        }, Map.of(), "name")).isSameAs(forbidden);
        assertThatThrownBy(() -> errors.attemptRun(() -> {
            throw missing;
        }, Map.of("id", "name"), "name")).isSameAs(missing);
        assertThat(errors.any()).isFalse();
    }
}
