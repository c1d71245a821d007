package uk.sendplan.api.web;

import org.junit.jupiter.api.Test;
import uk.sendplan.api.system.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
}
