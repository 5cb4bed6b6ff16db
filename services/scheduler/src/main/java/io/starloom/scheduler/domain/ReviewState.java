package io.starloom.scheduler.domain;

/** Where a review case stands; these names are what the database stores. */
public enum ReviewState {
    PENDING, APPROVED, REJECTED,
    /** The story ended (canceled, failed) before anyone decided. */
    CLOSED
}
