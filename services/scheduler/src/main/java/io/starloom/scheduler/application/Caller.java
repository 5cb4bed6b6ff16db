package io.starloom.scheduler.application;

/** Who is calling: every read and write is confined to this tenant. */
public record Caller(String subject, String tenant) {
}
