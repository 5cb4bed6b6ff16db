package io.starloom.scheduler.application;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.ProtoNames;
import io.starloom.mesh.v1.ModelProfile;
import io.starloom.proto.v1.AspectRatio;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Priority;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;
import io.starloom.proto.v1.SubmissionOptions;
import io.starloom.scheduler.config.SchedulerConfig;
import io.starloom.scheduler.config.SubmissionConfig;
import io.starloom.scheduler.fleet.TenantPolicies;

/**
 * What a submission may choose from here and now, so that a client offers only what SubmitStory accepts: the
 * profiles and resolutions from the workers' announcements (ServedProfiles), the priorities from the caller's
 * tenant policy, the translations and voices from starloom.submission.
 */
@ApplicationScoped
public class SubmissionOffer {
    /** Highest class first, the order a client lists them in. */
    private static final Priority[] PRIORITIES = { Priority.PRIORITY_INTERACTIVE, Priority.PRIORITY_STANDARD, Priority.PRIORITY_BATCH };

    private final SchedulerConfig config;
    private final SubmissionConfig submission;
    private final ServedProfiles profiles;
    private final TenantPolicies policies;

    public SubmissionOffer(SchedulerConfig config, SubmissionConfig submission, ServedProfiles profiles, TenantPolicies policies) {
        this.config = config;
        this.submission = submission;
        this.profiles = profiles;
        this.policies = policies;
    }

    public Uni<SubmissionOptions> of(Caller caller) {
        // Its own session: a GET resource method and a gRPC call open none.
        return Panache.withSession(profiles::now).map(served -> {
            Set<String> usable = usable(served);
            SubmissionOptions.Builder options = SubmissionOptions.newBuilder().addAllProfiles(usable)
                    .setMaxTextLength(config.story().maxTextLength())
                    .addAllTranslationLanguages(submission.offeredTranslations())
                    .addAllVoices(submission.offeredVoices());
            Arrays.stream(Resolution.values()).filter(ProtoNames::isSpecified)
                    .filter(resolution -> config.resolutions().containsKey(ProtoNames.shortName(resolution))
                            && usable.contains(config.resolutions().get(ProtoNames.shortName(resolution))))
                    .forEach(options::addResolutions);
            Arrays.stream(Style.values()).filter(ProtoNames::isSpecified).forEach(options::addStyles);
            Arrays.stream(AspectRatio.values()).filter(ProtoNames::isSpecified).forEach(options::addAspectRatios);
            Arrays.stream(Language.values()).filter(ProtoNames::isSpecified).forEach(options::addLanguages);
            TenantPolicies.Policy policy = policies.of(caller.tenant());
            Arrays.stream(PRIORITIES).filter(policy::allows).forEach(options::addPriorities);
            return options.build();
        });
    }

    /** The served profiles, plus the configured ones where stories need no running worker (as ServedProfiles.require). */
    private Set<String> usable(Map<String, ModelProfile> served) {
        Set<String> usable = new TreeSet<>(served.keySet());
        if (!config.generation().requireServedProfile()) {
            usable.addAll(config.profiles().keySet());
        }
        return usable;
    }
}
