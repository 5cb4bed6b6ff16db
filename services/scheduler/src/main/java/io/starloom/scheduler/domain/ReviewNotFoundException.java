package io.starloom.scheduler.domain;

/** No review case with that id for the caller's tenant (another tenant's case is reported the same way). */
public class ReviewNotFoundException extends LocalizedException {
    public ReviewNotFoundException(String id) {
        super(ErrorCode.REVIEW_NOT_FOUND, id);
    }
}
