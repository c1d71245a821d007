package uk.sendplan.api.fees;

import org.springframework.stereotype.Component;
import uk.sendplan.api.fees.FeeChecker.SettingFacts;
import uk.sendplan.api.reference.ReferenceData;
import uk.sendplan.api.settings.PlaceView;
import uk.sendplan.api.settings.ProviderView;
import uk.sendplan.api.settings.SettingService;
import uk.sendplan.api.settings.SettingView;
import uk.sendplan.db.types.Sector;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What fee checks need to know about settings, read through the register's public service. */
@Component
class SettingFactsLoader {

    private static final int CHUNK = 5000;

    private final SettingService settings;
    private final ReferenceData reference;

    SettingFactsLoader(SettingService settings, ReferenceData reference) {
        this.settings = settings;
        this.reference = reference;
    }

    /** Facts of the settings that exist, by URN. */
    Map<Integer, SettingFacts> load(Collection<Integer> urns) {
        List<Integer> all = List.copyOf(urns);
        Map<Integer, SettingView> views = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            views.putAll(settings.findAll(all.subList(i, Math.min(all.size(), i + CHUNK))));
        }
        Map<Long, ProviderView> providers = settings.providers(views.values().stream().map(SettingView::providerId).collect(Collectors.toSet()));
        List<Integer> regulated = views.values().stream().filter(this::regulated).map(SettingView::urn).toList();
        Map<Integer, String> mainNeeds = new HashMap<>();
        for (int i = 0; i < regulated.size(); i += CHUNK) {
            settings.places(regulated.subList(i, Math.min(regulated.size(), i + CHUNK)))
                    .forEach((urn, places) -> mainNeeds.put(urn, mainNeed(places)));
        }
        Map<Integer, SettingFacts> facts = new LinkedHashMap<>();
        for (SettingView s : views.values()) {
            String regionCode = reference.localAuthority(s.laCode()).orElseThrow().regionCode();
            ProviderView provider = providers.get(s.providerId());
            facts.put(s.urn(), new SettingFacts(s.urn(), s.type(), regulated(s), s.laCode(), regionCode,
                    reference.region(regionCode).orElseThrow().name(), s.providerId(), provider.forProfit(),
                    s.registrationStatus(), s.statusReason(), mainNeeds.get(s.urn()), provider.kind()));
        }
        return facts;
    }

    /**
     * The framework regulates fees charged outside the state sector (independent and non-maintained settings,
     * independent AP) and those of the setting types that are independent by nature (independent special schools,
     * specialist post-16 institutions), whatever sector they were registered with.
     */
    boolean regulated(SettingView setting) {
        return setting.sector() != Sector.STATE || reference.settingType(setting.type()).independent();
    }

    /** The need with the most places (DfE order breaks a tie); null for a setting without places. */
    static String mainNeed(List<PlaceView> places) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        places.forEach(p -> capacity.merge(p.need(), p.capacity(), Integer::sum));
        String best = null;
        for (var need : capacity.entrySet()) {
            if (best == null || need.getValue() > capacity.get(best)) {
                best = need.getKey();
            }
        }
        return best;
    }
}
