package uk.sendplan.api.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /graphiql opens the self-hosted GraphiQL page (static/graphiql/index.html). */
@Configuration(proxyBeanMethods = false)
class GraphiqlPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql", "/graphiql/index.html");
        registry.addRedirectViewController("/", "/graphiql/index.html");
    }
}
