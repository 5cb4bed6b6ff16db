package io.starloom.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the scheduler takes the stages' events off {@code starloom.scheduler.events}. The broker groups them by
 * story, so each receiver handles its stories' events in order while the others handle other stories at the
 * same time (docs/operations.md).
 */
@ConfigMapping(prefix = "starloom.scheduler")
public interface EventReceiversConfig {

    /**
     * Receivers (AMQP links) of this replica on the queue, each handling one event at a time: the channel's
     * {@code concurrency} (application.properties). Each holds a database connection while it handles one.
     */
    @WithDefault("4")
    int eventReceivers();
}
