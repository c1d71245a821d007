package uk.sendplan.api.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Daily housekeeping jobs (e.g. releasing the places of placements that have ended) run on Spring's scheduler. */
@Configuration
@EnableScheduling
class SchedulingConfiguration {
}
