package io.starloom.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.google.protobuf.ProtocolMessageEnum;

/**
 * The short names people type and read, the same as the REST API's: STYLE_INK_WASH ↔ "ink-wash",
 * LANGUAGE_ZH ↔ "zh", RESOLUTION_720P ↔ "720p"; states keep their upper-case name ("COMPLETED").
 */
public final class ApiNames {
    private static final String UNSPECIFIED = "_UNSPECIFIED";

    private ApiNames() {
    }

    /** "ink-wash" for STYLE_INK_WASH; "" for an unspecified value. */
    public static String of(Enum<?> value, String prefix) {
        if (!isNamed(value, prefix)) {
            return "";
        }
        return value.name().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "COMPLETED" for STORY_STATE_COMPLETED. */
    public static String state(Enum<?> value, String prefix) {
        return value.name().startsWith(prefix) ? value.name().substring(prefix.length()) : value.name();
    }

    /** The names accepted for {@code type}, in declaration order. */
    public static <E extends Enum<E> & ProtocolMessageEnum> List<String> names(Class<E> type, String prefix) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> isNamed(v, prefix)).map(v -> of(v, prefix)).toList();
    }

    /**
     * The value called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static <E extends Enum<E> & ProtocolMessageEnum> E parse(String name, Class<E> type, String prefix) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(v -> isNamed(v, prefix) && of(v, prefix).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not one of "
                        + names(type, prefix).stream().collect(Collectors.joining(", "))));
    }

    private static boolean isNamed(Enum<?> value, String prefix) {
        return value.name().startsWith(prefix) && !value.name().endsWith(UNSPECIFIED);
    }
}
