package uk.sendplan.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import graphql.parser.ParserOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Limits that keep one request from taking the service down: query depth and estimated cost (refused before
 * execution), one database connection per request, request body size, and a time limit per request that ends the
 * work. Page sizes are capped at 100 by every connection ({@link Page}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /**
     * Depth and estimated cost ({@link QueryCost}) checked before anything runs, and the request's time limit enforced
     * at every field, so a request past its time stops working rather than running on after its client gave up.
     */
    @Bean
    RequestLimits requestLimits(@Value("${send.graphql.max-depth:12}") int maxDepth,
                                @Value("${send.graphql.max-cost:100000}") long maxCost,
                                @Value("${send.graphql.timeout:PT60S}") Duration timeout,
                                @Value("${spring.graphql.schema.introspection.enabled:false}") boolean introspection) {
        return new RequestLimits(maxDepth, maxCost, timeout, introspection);
    }

    /**
     * The time limit on the response, and a cap on the query text the parser reads before it gives up: a long query
     * costs real CPU to parse and validate before its cost can be estimated, so an oversized one is stopped while it
     * is still being read. (Uploads travel as variables, which this cap does not count.)
     */
    @Bean
    WebGraphQlInterceptor requestTimeAndSize(@Value("${send.graphql.timeout:PT60S}") Duration timeout,
                                            @Value("${send.graphql.max-query-characters:10000}") int maxCharacters) {
        ParserOptions parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxCharacters(maxCharacters));
        return (request, chain) -> {
            // over plain HTTP a subscription has no stream to answer on: RequestLimits refuses it (WebSocket and
            // server-sent events carry one)
            boolean stream = request instanceof WebSocketGraphQlRequest || request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
            request.configureExecutionInput((input, builder) -> {
                input.getGraphQLContext().put(ParserOptions.class, parserOptions);
                input.getGraphQLContext().put(RequestLimits.NO_STREAM, !stream);
                return input;
            });
            return chain.next(request).timeout(timeout);
        };
    }

    /**
     * Runs a request's controller methods one after another on the request's own thread, so that one request holds
     * at most one database connection at a time. (With virtual threads on, Spring GraphQL would otherwise hand every
     * field to its own thread, and one wide query could take the whole connection pool.)
     */
    @Bean
    static BeanPostProcessor oneConnectionPerRequest() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AnnotatedControllerConfigurer configurer) {
                    configurer.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }

    /** After sign-in (Spring Security's filters come first), so the limit is per user. */
    @Bean
    FilterRegistrationBean<RequestsPerUser> requestsPerUser(@Value("${send.http.max-concurrent-requests-per-user:4}") int limit) {
        FilterRegistrationBean<RequestsPerUser> registration = new FilterRegistrationBean<>(new RequestsPerUser(limit));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
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
