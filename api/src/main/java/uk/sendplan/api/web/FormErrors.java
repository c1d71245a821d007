package uk.sendplan.api.web;

import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.InputRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The GOV.UK error summary pattern: each problem is shown at the top of the page, linked to its field, and again
 * next to the field. A service's refusal names its field as a path ("input.band"); {@link #add(ApiException, Map)}
 * puts it next to the form field that path stands for.
 */
public final class FormErrors {

    /** One problem: the form field's id (the summary links to it) and what to do about it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    public void add(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /**
     * Adds the service's refusal next to the field its path names ({@code fields}: service path to form field id, e.g.
     * "input.band" to "band"); a path the form has no field for goes to {@code fallback}, and its message keeps the path.
     */
    public void add(ApiException refusal, Map<String, String> fields, String fallback) {
        String path = String.valueOf(refusal.extensions().getOrDefault("field", ""));
        String message = refusal.getMessage();
        String field = fields.get(path);
        if (field == null) {
            // a path within a field (input.preferences[2]) belongs to that field, the most particular one when fields nest
            // (input.changes.feeChanges[0].percent is the fee change's, not the changes' as a whole)
            field = fields.entrySet().stream().filter(e -> path.startsWith(e.getKey() + "[") || path.startsWith(e.getKey() + "."))
                    .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
        }
        if (field != null && message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        add(field == null ? fallback : field, capitalise(message));
    }

    /**
     * Asks the service on the form's behalf: its answer, or empty when it refused the form's values (a BAD_REQUEST),
     * the refusal then next to its field as {@link #add(ApiException, Map, String)} places it. Any other refusal (no
     * permission, a record that is not there) is not the form's to show, so it goes on to the error page. A page then
     * shows its form again on empty rather than each page catching and sorting refusals itself. The call must answer
     * something (not null), as empty means refused; for a call that answers nothing, {@link #attemptRun}.
     */
    public <T> Optional<T> attempt(Supplier<T> call, Map<String, String> fields, String fallback) {
        try {
            return Optional.of(Objects.requireNonNull(call.get(), "a call attempted for a form answers something; use attemptRun"));
        } catch (ApiException refused) {
            if (refused.type() != ErrorType.BAD_REQUEST) {
                throw refused;
            }
            add(refused, fields, fallback);
            return Optional.empty();
        }
    }

    /** {@link #attempt} for a call that answers nothing: true when it went through, false when the form's values were refused. */
    public boolean attemptRun(Runnable call, Map<String, String> fields, String fallback) {
        return attempt(() -> {
            call.run();
            return Boolean.TRUE;
        }, fields, fallback).isPresent();
    }

    /**
     * A reason the form cannot go without (why a placement is declined, a referral withdrawn, a finding decided): a
     * problem next to {@code field} when it is blank ({@code missing} says what to enter) or breaks the rules for free
     * text, so the service is not asked. Returns the reason trimmed, to show again in the form.
     */
    public String requireReason(String field, String typed, String missing) {
        String reason = typed == null ? "" : typed.trim();
        String breach = InputRules.breach(reason, InputRules.TEXT);
        if (breach != null) {
            add(field, "The reason " + breach);
        } else if (reason.isEmpty()) {
            add(field, missing);
        }
        return reason;
    }

    public boolean any() {
        return !problems.isEmpty();
    }

    public List<Problem> all() {
        return List.copyOf(problems);
    }

    /** The message for one field, or null: what the template shows next to it. */
    public String of(String field) {
        return problems.stream().filter(p -> p.field().equals(field)).map(Problem::message).findFirst().orElse(null);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
