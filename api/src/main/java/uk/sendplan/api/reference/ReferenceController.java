package uk.sendplan.api.reference;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.reference.ReferenceData.NeedType;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.reference.ReferenceData.SettingTypeInfo;

import java.util.List;

@Controller
class ReferenceController {

    private final ReferenceData reference;

    ReferenceController(ReferenceData reference) {
        this.reference = reference;
    }

    @QueryMapping
    List<Region> regions() {
        return reference.regions();
    }

    @QueryMapping
    List<LocalAuthority> localAuthorities(@Argument String regionCode) {
        if (regionCode == null) {
            return reference.localAuthorities();
        }
        reference.requireRegion("regionCode", regionCode);
        return reference.localAuthoritiesOf(regionCode);
    }

    @QueryMapping
    List<NeedType> needTypes() {
        return reference.needTypes();
    }

    @QueryMapping
    List<Phase> phases() {
        return reference.phases();
    }

    @QueryMapping
    List<SettingTypeInfo> settingTypes() {
        return reference.settingTypes();
    }

    @SchemaMapping(typeName = "Region")
    List<LocalAuthority> localAuthorities(Region region) {
        return reference.localAuthoritiesOf(region.code());
    }

    @SchemaMapping(typeName = "LocalAuthority")
    Region region(LocalAuthority localAuthority) {
        return reference.region(localAuthority.regionCode()).orElseThrow();
    }
}
