package io.starloom.worker.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads model profiles: from the operator's directory when it has {@code <name>.json}, else from the ones
 * shipped in {@code profiles/} on the class path. A profile file with an unknown field or without a size is
 * refused: a misspelt {@code "guidanceScale2"} must not silently fall back to a default.
 */
public final class ProfileCatalog {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Optional<Path> operatorDirectory;

    public ProfileCatalog(Optional<Path> operatorDirectory) {
        this.operatorDirectory = operatorDirectory;
    }

    /** @throws IllegalArgumentException when no profile of that name exists or its file is invalid */
    public ProfileSpec load(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a profile name (lower-case letters, digits, '.', '_', '-')");
        }
        String file = name + ".json";
        try {
            Optional<Path> own = operatorDirectory.map(dir -> dir.resolve(file)).filter(Files::isRegularFile);
            try (InputStream in = own.isPresent() ? Files.newInputStream(own.get())
                    : ProfileCatalog.class.getClassLoader().getResourceAsStream("profiles/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no model profile '" + name + "' in "
                            + operatorDirectory.map(dir -> dir + " or ").orElse("") + "the shipped profiles");
                }
                return check(name, JSON.readValue(in, ProfileSpec.class));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("model profile '" + name + "' is unreadable: " + e.getMessage(), e);
        }
    }

    private static ProfileSpec check(String name, ProfileSpec spec) {
        if (!name.equals(spec.name())) {
            throw new IllegalArgumentException("profile file " + name + ".json names profile '" + spec.name() + "'");
        }
        if (spec.width() < 16 || spec.height() < 16 || spec.fps() < 1 || spec.frames() < 1) {
            throw new IllegalArgumentException("profile " + name + " needs width, height, fps and frames");
        }
        if (!spec.accepts(spec.width(), spec.height())) {
            throw new IllegalArgumentException("profile " + name + " does not list its own size " + spec.width() + "x" + spec.height());
        }
        if (spec.hosted() == null && (spec.frames() - 1) % 4 != 0) {
            throw new IllegalArgumentException("profile " + name + ": Wan2.2 makes 4n+1 frames, not " + spec.frames());
        }
        return spec;
    }
}
