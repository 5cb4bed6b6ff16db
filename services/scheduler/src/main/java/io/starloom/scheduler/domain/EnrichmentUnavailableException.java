package io.starloom.scheduler.domain;

/** Enrichment could not answer a preview in time (down, overloaded, or refusing the scheduler's call): try again later. */
public class EnrichmentUnavailableException extends LocalizedException {
    private static final long serialVersionUID = 1L;

    public EnrichmentUnavailableException(ErrorCode code) {
        super(code);
    }
}
