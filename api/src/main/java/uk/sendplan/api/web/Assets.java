package uk.sendplan.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * GOV.UK Frontend, served by the service from its WebJar so the pages work without internet access, at
 * /assets/govuk/ (its dist/govuk folder) so that templates, scripts and error pages need not know its version. Its
 * fonts and images are not used: GDS Transport and the crown are for gov.uk domains only, so its stylesheet is served
 * without the font's @font-face rules ({@link WithoutFontFaces}), the application's stylesheet (static/assets/app.css)
 * sets a system font stack, and the layout shows neither crown nor crest.
 */
@Configuration(proxyBeanMethods = false)
class Assets implements WebMvcConfigurer {

    /** The WebJar's version, read from the jar itself so the pom stays the one place that names it. */
    private static final String GOVUK_FRONTEND_VERSION = version();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/govuk/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + GOVUK_FRONTEND_VERSION + "/dist/govuk/")
                .resourceChain(true)
                .addTransformer(new WithoutFontFaces());
    }

    private static String version() {
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the govuk-frontend WebJar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
