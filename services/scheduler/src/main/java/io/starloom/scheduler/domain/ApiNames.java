package io.starloom.scheduler.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.google.protobuf.ProtocolMessageEnum;

/**
 * The short lower-case names the REST API uses for protobuf enum values: STYLE_INK_WASH ↔ "ink-wash",
 * LANGUAGE_ZH ↔ "zh", RESOLUTION_720P ↔ "720p", STORY_STATE_COMPLETED ↔ "COMPLETED" for states.
 */
public final class ApiNames {
    private ApiNames() {
    }

    /** "ink-wash" for STYLE_INK_WASH given the prefix "STYLE_". */
    public static String of(Enum<?> value, String prefix) {
        return value.name().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state name without its prefix, upper case as in the lifecycle ("COMPLETED"). */
    public static String state(Enum<?> value, String prefix) {
        return value.name().substring(prefix.length());
    }

    /**
     * The enum value named {@code name}, or {@code defaultValue} when the name is absent.
     *
     * @throws InvalidRequestException naming {@code field} and the accepted names
     */
    public static <E extends Enum<E> & ProtocolMessageEnum> E parse(String field, String name, Class<E> type, String prefix,
            E defaultValue) {
        if (name == null || name.isBlank()) {
            return defaultValue;
        }
        for (E value : type.getEnumConstants()) {
            if (isNamed(value, prefix) && of(value, prefix).equals(name.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new InvalidRequestException(java.util.List.of(new FieldError(field, "unknown " + field + " '" + name + "'; one of "
                + Arrays.stream(type.getEnumConstants()).filter(v -> isNamed(v, prefix)).map(v -> of(v, prefix))
                        .collect(Collectors.joining(", ")))), false);
    }

    private static boolean isNamed(Enum<?> value, String prefix) {
        return value.name().startsWith(prefix) && !value.name().endsWith("_UNSPECIFIED");
    }
}
