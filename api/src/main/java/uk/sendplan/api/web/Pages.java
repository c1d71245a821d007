package uk.sendplan.api.web;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the web application's pages: it gets the layout's model (who is signed in, the navigation) and
 * its refusals become error pages (see {@link Layout}), while GraphQL controllers and CSV downloads keep theirs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Controller
public @interface Pages {

    @AliasFor(annotation = Controller.class)
    String value() default "";
}
