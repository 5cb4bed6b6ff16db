package io.starloom.scheduler.domain;

/** The case is no longer pending: it was decided already, or its story ended meanwhile. */
public class ReviewDecidedException extends LocalizedException {
    public ReviewDecidedException(String id, String state) {
        super(ErrorCode.REVIEW_ALREADY_DECIDED, id, state);
    }
}
