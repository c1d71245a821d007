package uk.sendplan.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most a few requests in flight per signed-in user: one more is answered at once with 429 Too Many Requests and
 * Retry-After, so that one user (or one stolen account) firing many copies of a query shares the two cores with
 * everybody else instead of taking them. Runs after sign-in; anonymous requests never get this far.
 */
final class RequestsPerUser extends OncePerRequestFilter {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    RequestsPerUser(int limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || isWebSocketUpgrade(request)) {
            chain.doFilter(request, response);
            return;
        }
        String user = authentication.getName();
        if (inFlight.merge(user, 1, Integer::sum) > limit) {
            release(user);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", "1");
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("Too many requests at once for " + user + ": at most " + limit
                    + " may run at the same time. Wait for one to finish and try again.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            release(user);
        }
    }

    private void release(String user) {
        inFlight.computeIfPresent(user, (u, count) -> count == 1 ? null : count - 1);
    }

    /** A subscription's WebSocket lives long by design; its messages are limited per operation, not here. */
    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }
}
