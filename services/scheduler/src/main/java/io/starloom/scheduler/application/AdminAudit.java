package io.starloom.scheduler.application;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The audit trail of admins reading other tenants' stories: who, which story of which tenant, and when (the
 * log record's timestamp), on its own log category so that operations can ship it to an append-only store.
 */
@ApplicationScoped
public class AdminAudit {
    /** The log category of the audit trail. */
    public static final String CATEGORY = "starloom.audit";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);

    /** Records a cross-tenant read; reads within the admin's own tenant are ordinary and not recorded. */
    public void crossTenantRead(Caller admin, String what, String storyId, String storyTenant) {
        if (!admin.tenant().equals(storyTenant)) {
            AUDIT.infof("admin=%s admin_tenant=%s action=%s story=%s story_tenant=%s", admin.subject(), admin.tenant(), what,
                    storyId, storyTenant);
        }
    }
}
