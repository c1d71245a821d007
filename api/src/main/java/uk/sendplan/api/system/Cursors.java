package uk.sendplan.api.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors for connections: base64 of "kind:value". */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(String kind, Object value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a cursor of this kind, or BAD_REQUEST naming the argument. */
    public static String decode(String field, String cursor, String kind) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(kind + ":")) {
                return text.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest(field, "not a cursor from this connection; pass an endCursor you were given");
    }

    public static long decodeLong(String field, String cursor, String kind) {
        try {
            return Long.parseLong(decode(field, cursor, kind));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "not a cursor from this connection; pass an endCursor you were given");
        }
    }
}
