package uk.sendplan.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Asks the service for the sign-in page and the stylesheets and script every page loads, once it is ready, on a
 * thread of its own. The sign-in page is tiny, but as the first page a fresh service serves its first view took
 * 1.6-2.5 s on a 2-core machine (against 150-400 ms for larger pages later): the servlet, security filters, Thymeleaf's
 * layout templates and the GOV.UK Frontend resource chain (which strips the stylesheet's font faces, then caches it)
 * all start on that first request. Now they start here, before anyone signs in.
 */
@Component
class PageWarmUp {

    private static final Logger log = LoggerFactory.getLogger(PageWarmUp.class);

    private static final List<String> PATHS = List.of("/sign-in", "/assets/govuk/govuk-frontend.min.css", "/assets/govuk/govuk-frontend.min.js",
            "/assets/app.css", "/assets/app.js");

    @EventListener(ApplicationReadyEvent.class)
    void warmInTheBackground(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port == null) {  // no web server (a test without one): nothing to warm
            return;
        }
        Thread.ofVirtual().name("page-warm-up").start(() -> {
            long start = System.nanoTime();
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                for (String path : PATHS) {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        log.warn("Warming up pages: {} answered {}", path, response.statusCode());
                    }
                }
                log.info("Sign-in page and page assets warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                // the first visitor starts them instead; nothing else depends on this
                log.warn("Pages could not be warmed up in advance: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
