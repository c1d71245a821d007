package uk.sendplan.api.system;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The CSV exports as files over HTTP (GET /exports/...), beside the GraphQL strings: the download controllers call
 * the same services as the GraphQL fields, so the same sign-in and scope rules apply, and a refusal keeps its
 * meaning as an HTTP status: FORBIDDEN is 403 (with the same words whether or not the record exists), BAD_REQUEST
 * 400, NOT_FOUND 404. Anonymous callers never get here: Spring Security answers 401.
 */
@RestControllerAdvice(annotations = Downloads.Download.class)
public class Downloads {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    /** Marks a controller whose refusals become HTTP statuses here. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface Download {
    }

    /** The CSV as an attachment named {@code <name parts>-<today in England>.csv}. */
    public static ResponseEntity<String> csv(String csv, String... nameParts) {
        StringBuilder name = new StringBuilder();
        for (String part : nameParts) {
            String slug = slug(part);
            if (!slug.isEmpty()) {
                name.append(slug).append('-');
            }
        }
        name.append(LocalDate.now(ENGLAND)).append(".csv");
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name.toString()).build().toString())
                .body(csv);
    }

    /** Lower case letters, digits and single hyphens: safe in a file name on every system. */
    static String slug(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException refusal) {
        HttpStatus status = switch (refusal.type()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(refusal.getMessage() + "\n");
    }
}
