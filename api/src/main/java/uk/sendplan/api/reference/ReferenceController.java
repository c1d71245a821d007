package uk.sendplan.api.reference;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.system.Access;
import uk.sendplan.api.system.Role;
import uk.sendplan.api.reference.ReferenceData.NeedType;
import uk.sendplan.api.reference.ReferenceData.Phase;
import uk.sendplan.api.reference.ReferenceData.Region;
import uk.sendplan.api.reference.ReferenceData.SettingTypeInfo;

import java.util.List;

@Controller
class ReferenceController {

    private final ReferenceData reference;
    private final Access access;

    ReferenceController(ReferenceData reference, Access access) {
        this.reference = reference;
        this.access = access;
    }

    @QueryMapping
    List<Region> regions() {
        access.require("regions", Role.values());
        return reference.regions();
    }

    @QueryMapping
    List<LocalAuthority> localAuthorities(@Argument String regionCode) {
        access.require("localAuthorities", Role.values());
        if (regionCode == null) {
            return reference.localAuthorities();
        }
        reference.requireRegion("regionCode", regionCode);
        return reference.localAuthoritiesOf(regionCode);
    }

    @QueryMapping
    List<NeedType> needTypes() {
        access.require("needTypes", Role.values());
        return reference.needTypes();
    }

    @QueryMapping
    List<Phase> phases() {
        access.require("phases", Role.values());
        return reference.phases();
    }

    @QueryMapping
    List<SettingTypeInfo> settingTypes() {
        access.require("settingTypes", Role.values());
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
