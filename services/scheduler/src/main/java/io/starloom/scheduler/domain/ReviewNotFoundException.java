package io.starloom.scheduler.domain;

/** No review case with that id for the caller's tenant (another tenant's case is reported the same way). */
public class ReviewNotFoundException extends RuntimeException {
    public ReviewNotFoundException(String id) {
        super("no review " + id);
    }
}
