package uk.sendplan.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The web server answers before the start-up work is done: on a first start the demo data loads and the demo users
 * are created after it. Until then (ApplicationReadyEvent) every request gets 503 with Retry-After and a body that
 * says why, before security runs, so a newcomer sees "loading" rather than a 401 that reads as a wrong password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupGate extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 10;

    private volatile boolean ready;
    private volatile boolean loadingDemoData;

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        ready = true;
    }

    /** Set by {@link DemoData} around the first start's load, so the answer can say what the wait is for. */
    public void loadingDemoData(boolean loading) {
        loadingDemoData = loading;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready) {
            chain.doFilter(request, response);
            return;
        }
        String message = loadingDemoData
                ? "The service is loading the demo data (first start only, usually under a minute); try again in a few seconds."
                : "The service is starting; try again in a few seconds.";
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // the shape of a GraphQL error, so GraphiQL and GraphQL clients show the message
        response.getWriter().write("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"classification\":\"UNAVAILABLE\"}}]}");
    }
}
