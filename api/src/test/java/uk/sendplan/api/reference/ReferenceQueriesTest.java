package uk.sendplan.api.reference;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import uk.sendplan.api.GraphQlTestBase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceQueriesTest extends GraphQlTestBase {

    @Test
    void nineRegionsCoverAll153LocalAuthorities() {
        graphQl.documentName("regions").execute()
                .path("regions").entityList(Object.class).hasSize(9)
                .path("regions[*].localAuthorities[*].code").entityList(String.class).hasSize(153);
    }

    @Test
    void localAuthoritiesOfARegion() {
        graphQl.documentName("localAuthorities").variable("regionCode", "E12000007").execute()
                .path("localAuthorities").entityList(Object.class).hasSize(33)
                .path("localAuthorities[?(@.code == '202')].name").entityList(String.class).containsExactly("Camden")
                .path("localAuthorities[?(@.code == '202')].onsCode").entityList(String.class).containsExactly("E09000007")
                .path("localAuthorities[*].region.name").entityList(String.class).satisfies(names -> assertThat(names).containsOnly("London"));
    }

    @Test
    void unknownRegionIsABadRequestNamingTheArgument() {
        graphQl.documentName("localAuthorities").variable("regionCode", "E12999999").execute()
                .errors().expect(e -> e.getErrorType() == ErrorType.BAD_REQUEST
                        && e.getMessage().startsWith("regionCode: unknown region code \"E12999999\""))
                .verify()
                .path("localAuthorities").pathDoesNotExist();
    }

    @Test
    void dfeNeedCodesPhasesAndSettingTypes() {
        var response = graphQl.documentName("referenceLists").execute();
        response.path("needTypes[*].code").entityList(String.class)
                .containsExactly("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH");
        response.path("needTypes[?(@.code == 'ASD')].giasName").entityList(String.class)
                .containsExactly("ASD - Autistic Spectrum Disorder");
        response.path("phases[*].code").entityList(String.class)
                .containsExactly("EARLY_YEARS", "PRIMARY", "SECONDARY", "POST_16", "POST_19");
        response.path("phases[?(@.code == 'SECONDARY')].ageFrom").entityList(Integer.class).containsExactly(11);
        response.path("settingTypes[?(@.independent == true)].code").entityList(String.class)
                .isEqualTo(List.of("INDEPENDENT_SPECIAL", "SPECIALIST_POST_16"));
    }
}
