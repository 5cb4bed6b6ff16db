package io.starloom.scheduler.domain;

/** The case is no longer pending: it was decided already, or its story ended meanwhile. */
public class ReviewDecidedException extends RuntimeException {
    public ReviewDecidedException(String message) {
        super(message);
    }
}
