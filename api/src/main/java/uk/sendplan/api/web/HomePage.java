package uk.sendplan.api.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page at /: what the signed-in user's role can do here, one link per page (the same as the navigation). */
@Pages
class HomePage {

    @GetMapping("/")
    String home(Model model) {
        return "web/home";
    }
}
