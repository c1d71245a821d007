package uk.sendplan.api.consultations;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.reference.ReferenceData.LocalAuthority;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.api.system.Batches;
import uk.sendplan.db.types.ConsultationStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Host LA consultations over GraphQL: the queries, the answer and the fields that join them to the register. */
@Controller
class ConsultationController {

    record HostConsultationPayload(ConsultationView consultation) {
    }

    /** Setting.hostConsultations gives at most this many (the query cost model counts on it). */
    static final int MAX_PER_SETTING = 20;

    private final Consultations consultations;
    private final SettingService settings;
    private final ReferenceData reference;

    ConsultationController(Consultations consultations, SettingService settings, ReferenceData reference) {
        this.consultations = consultations;
        this.settings = settings;
        this.reference = reference;
    }

    @QueryMapping
    List<ConsultationView> hostConsultations(@Argument ConsultationStatus status, @Argument Integer first) {
        return consultations.list("hostConsultations", status, first == null ? 50 : first);
    }

    @QueryMapping
    ConsultationView hostConsultation(@Argument String id) {
        return consultations.get("hostConsultation", id);
    }

    @MutationMapping
    HostConsultationPayload answerHostConsultation(@Argument Consultations.AnswerInput input) {
        return new HostConsultationPayload(consultations.answer(input));
    }

    /** A setting's newest consultations, filtered to the reader's scope (another LA's commissioner gets none). */
    @BatchMapping(typeName = "Setting", field = "hostConsultations")
    Map<SettingView, List<ConsultationView>> hostConsultations(List<SettingView> of) {
        Map<Integer, List<ConsultationView>> byUrn = consultations.ofSettings("Setting.hostConsultations",
                of.stream().map(SettingView::urn).collect(Collectors.toSet())).stream().collect(Collectors.groupingBy(ConsultationView::urn));
        Map<SettingView, List<ConsultationView>> result = new LinkedHashMap<>();
        of.forEach(s -> result.put(s, byUrn.getOrDefault(s.urn(), List.of()).stream().limit(MAX_PER_SETTING).toList()));
        return result;
    }

    @BatchMapping(typeName = "HostConsultation", field = "setting")
    Map<ConsultationView, SettingView> setting(List<ConsultationView> of) {
        Map<Integer, SettingView> found = settings.findAll(of.stream().map(ConsultationView::urn).collect(Collectors.toSet()));
        return Batches.byKey(of, ConsultationView::urn, found);
    }

    @SchemaMapping(typeName = "HostConsultation")
    LocalAuthority localAuthority(ConsultationView consultation) {
        return reference.localAuthority(consultation.laCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "HostConsultation")
    String summary(ConsultationView consultation) {
        return consultation.summary();
    }

    @SchemaMapping(typeName = "HostConsultation")
    int placesAdded(ConsultationView consultation) {
        return consultation.placesAdded();
    }

    @SchemaMapping(typeName = "ConsultationCell")
    int added(ConsultationView.Cell cell) {
        return cell.added();
    }
}
