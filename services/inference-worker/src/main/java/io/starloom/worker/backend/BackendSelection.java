package io.starloom.worker.backend;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;
import io.starloom.worker.config.WorkerConfig;

/**
 * The one backend this worker runs, by configuration. Every backend registers itself as a VideoBackend
 * bean qualified with {@code @Identifier("<name>")} in its own package (see backend/preview and backend/sim),
 * so a new backend needs no edit here: {@code starloom.worker.backend=<name>} picks it.
 */
public class BackendSelection {

    @Produces
    @Default
    @ApplicationScoped
    VideoBackend backend(WorkerConfig config, @Any Instance<VideoBackend> registered) {
        String name = config.worker().backend();
        Instance<VideoBackend> chosen = registered.select(Identifier.Literal.of(name));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("starloom.worker.backend=" + name + " names no backend; available: "
                    + String.join(", ", names(registered)));
        }
        return chosen.get();
    }

    private static List<String> names(Instance<VideoBackend> registered) {
        return registered.handlesStream()
                .flatMap(handle -> handle.getBean().getQualifiers().stream())
                .filter(Identifier.class::isInstance).map(qualifier -> ((Identifier) qualifier).value())
                .sorted().toList();
    }
}
