package uk.sendplan.api.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * /graphiql opens the self-hosted GraphiQL page (static/graphiql/index.html); the demo profile only (see SecurityConfiguration).
 * The web application has / (web.HomePage).
 */
@Configuration(proxyBeanMethods = false)
class GraphiqlPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // served at /graphiql itself (not /graphiql/...), so the browser's Basic credentials cover /graphql too
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
    }
}
