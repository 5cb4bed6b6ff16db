package io.starloom.contracts;

/** Roles carried in OIDC tokens (claim {@code groups}) and the tenant claim. */
public final class Roles {
    public static final String STORY_WRITER = "story-writer";
    public static final String STORY_READER = "story-reader";
    public static final String REVIEWER = "reviewer";
    public static final String ADMIN = "admin";
    /** Token claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";

    private Roles() {
    }
}
