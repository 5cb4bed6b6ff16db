package io.starloom.scheduler.domain;

/**
 * Where one shot's generation stands, in the scheduler's own words (what the database stores). With frame
 * screening on, a GENERATED shot is done once its frames are SCREENED; a CANCELED one is left out of the film.
 */
public enum ShotStatus {
    QUEUED, DISPATCHED, RUNNING, GENERATED, SCREENED, FAILED, CANCELED
}
