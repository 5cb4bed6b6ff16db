package io.starloom.worker.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.starloom.worker.backend.VideoBackend;
import io.starloom.worker.config.WorkerConfig;

/**
 * The model profile this worker serves, read once at start; a worker whose backend cannot make it refuses to
 * start, with the reason, rather than failing every shot later.
 */
@ApplicationScoped
public class WorkerProfile {
    private final ProfileSpec spec;

    @Inject
    public WorkerProfile(WorkerConfig config, VideoBackend backend) {
        this(new ProfileCatalog(config.worker().profileDirectory()).load(config.worker().profile()), backend);
    }

    public WorkerProfile(ProfileSpec spec, VideoBackend backend) {
        backend.unsupported(spec).ifPresent(why -> {
            throw new IllegalStateException("starloom.worker.profile=" + spec.name() + " cannot be served by backend " + backend.name() + ": " + why);
        });
        this.spec = spec;
    }

    public ProfileSpec spec() {
        return spec;
    }
}
