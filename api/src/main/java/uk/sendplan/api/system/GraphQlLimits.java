package uk.sendplan.api.system;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Limits that keep one request from taking the service down: query depth and complexity (graphql-java
 * instrumentation, refused before execution), request body size, and a time limit per request. Page sizes are
 * capped at 100 by every connection ({@link Page}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${send.graphql.max-depth:12}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    /** Every field counts 1 (graphql-java's default), nested lists included, so a wide fan-out is refused up front. */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(@Value("${send.graphql.max-complexity:400}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity);
    }

    @Bean
    WebGraphQlInterceptor requestTimeout(@Value("${send.graphql.timeout:PT60S}") Duration timeout) {
        return (request, chain) -> chain.next(request).timeout(timeout);
    }

    /** Refuses bodies above the limit before reading them (a GIAS extract of ~60 MB fits the default 100 MB). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestSizeLimit(@Value("${send.http.max-request-bytes:104857600}") long maxBytes) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if (length > maxBytes || (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding")))) {
                    response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(),
                            "Request body larger than " + maxBytes + " bytes (or of unknown length); send a Content-Length within the limit");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
