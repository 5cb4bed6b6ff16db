package io.starloom.mesh.support.messaging;

import java.util.regex.Pattern;

/** The CloudEvents source every mesh service sends under: {@code /starloom/<service>}. */
public final class MeshSource {
    public static final String PREFIX = "/starloom/";
    /** Service names also become failure domains and URI path segments. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private MeshSource() {
    }

    /** {@code /starloom/enrichment} for {@code "enrichment"}. */
    public static String of(String service) {
        if (service == null || !SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("'" + service + "' is not a service name (lower case, digits, dashes)");
        }
        return PREFIX + service;
    }
}
