package io.starloom.scheduler.application;

/**
 * Who is calling: every read and write is confined to this tenant, except that an admin may read every
 * tenant's stories (each such read is audited, see AdminAudit).
 */
public record Caller(String subject, String tenant, boolean admin) {
    public Caller(String subject, String tenant) {
        this(subject, tenant, false);
    }
}
