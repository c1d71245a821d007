package uk.sendplan.api.users;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.users.UserService.UserScopeInput;
import uk.sendplan.api.users.UserService.UserView;

import java.util.List;

@Controller
class UserController {

    record UserPayload(UserView user) {
    }

    private final UserService users;
    private final ReferenceData reference;
    private final SettingService settings;

    UserController(UserService users, ReferenceData reference, SettingService settings) {
        this.users = users;
        this.reference = reference;
        this.settings = settings;
    }

    @QueryMapping
    UserView me() {
        return users.me();
    }

    @QueryMapping
    List<UserView> users() {
        return users.users();
    }

    @MutationMapping
    UserPayload setUserScope(@Argument UserScopeInput input) {
        return new UserPayload(users.setScope(input));
    }

    @MutationMapping
    UserPayload deactivateUser(@Argument String subject) {
        return new UserPayload(users.deactivate(subject));
    }

    @SchemaMapping(typeName = "User")
    LocalAuthority localAuthority(UserView user) {
        return user.laCode() == null ? null : reference.localAuthority(user.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "User")
    Region region(UserView user) {
        return user.regionCode() == null ? null : reference.region(user.regionCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "User")
    ProviderView provider(UserView user) {
        return user.providerId() == null ? null : settings.provider(user.providerId()).orElse(null);
    }
}
