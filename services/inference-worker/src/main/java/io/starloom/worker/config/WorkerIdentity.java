package io.starloom.worker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/** The name this worker reports in ShotStarted: configured, or the host (pod) name. */
@ApplicationScoped
public class WorkerIdentity {
    private final String id;

    public WorkerIdentity(WorkerConfig config) {
        this.id = config.worker().id().orElseGet(WorkerIdentity::hostName);
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "inference-worker";
        }
    }
}
