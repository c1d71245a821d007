package uk.sendplan.api.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.web.multipart.MultipartFile;
import uk.sendplan.api.system.Csv;
import uk.sendplan.api.system.InputRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A file uploaded for a dry run, held in the signed-in user's session until they confirm the import, so the import
 * writes exactly the file whose report they read (and they do not upload it twice). One file per kind of import; a
 * new upload replaces it; it ends with the session. The token in the confirming form must match, so a stale page
 * cannot import a file uploaded later in another tab.
 */
public final class HeldUploads {

    /**
     * A dry run's outcome, for its page once the dry run has run in the background: the file's name, the token its
     * confirmation carries (the file was held when the dry run started), and the feature's report.
     */
    public record Checked<R>(String fileName, String token, R report) {
    }

    /** An upload held for one kind of import. */
    private record Held(String token, String fileName, String text) implements java.io.Serializable {
    }

    private HeldUploads() {
    }

    /** The upload's text, decoded as the API decodes csvBase64 (UTF-8, or Windows-1252 as Excel saves it); empty when no file was chosen. */
    public static Optional<String> text(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InputRules.require("file", Csv.decode(file.getBytes()), InputRules.DECODED_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds the text for a later confirmation and returns the token the confirming form carries. */
    public static String hold(HttpSession session, String kind, String fileName, String text) {
        String token = UUID.randomUUID().toString();
        session.setAttribute(attribute(kind), new Held(token, fileName == null ? "" : fileName, text));
        return token;
    }

    /** The held text if the token matches, removed from the session so it is imported at most once. */
    public static Optional<String> take(HttpSession session, String kind, String token) {
        if (session.getAttribute(attribute(kind)) instanceof Held held && held.token().equals(token)) {
            session.removeAttribute(attribute(kind));
            return Optional.of(held.text());
        }
        return Optional.empty();
    }

    private static String attribute(String kind) {
        return HeldUploads.class.getName() + "." + kind;
    }
}
