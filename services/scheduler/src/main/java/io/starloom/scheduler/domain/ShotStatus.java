package io.starloom.scheduler.domain;

/** Where one shot's generation stands, in the scheduler's own words (what the database stores). */
public enum ShotStatus {
    QUEUED, DISPATCHED, RUNNING, GENERATED, FAILED
}
