package uk.sendplan.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * GOV.UK Frontend's stylesheet as served, without its @font-face rules: GDS Transport is for gov.uk domains only and
 * its files are not served here, so a browser that matched a face before the application's own font rules applied
 * would ask for them and log a 404. Without the rules no browser ever looks for them.
 */
final class WithoutFontFaces implements ResourceTransformer {

    /** A minified rule has no nested braces: "@font-face{...}". */
    private static final Pattern FONT_FACE = Pattern.compile("@font-face\\s*\\{[^}]*}");

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain) throws IOException {
        Resource transformed = chain.transform(request, resource);
        String name = transformed.getFilename();
        if (name == null || !name.endsWith(".css")) {
            return transformed;
        }
        String css = transformed.getContentAsString(StandardCharsets.UTF_8);
        return new TransformedResource(transformed, FONT_FACE.matcher(css).replaceAll("").getBytes(StandardCharsets.UTF_8));
    }
}
