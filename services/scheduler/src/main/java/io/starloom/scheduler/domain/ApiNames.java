package io.starloom.scheduler.domain;

import java.util.List;

import com.google.protobuf.ProtocolMessageEnum;

import io.starloom.contracts.ProtoNames;

/**
 * The short names the REST API uses for protobuf enum values (STYLE_INK_WASH ↔ "ink-wash", LANGUAGE_ZH ↔
 * "zh", RESOLUTION_720P ↔ "720p", STORY_STATE_COMPLETED ↔ "COMPLETED"), as {@link ProtoNames} makes them.
 * ProtoNames reads each enum's prefix off its {@code _UNSPECIFIED} value, so the {@code prefix} arguments
 * are not used any more; they stay until the REST edge, rewritten separately, calls ProtoNames itself.
 */
public final class ApiNames {
    private ApiNames() {
    }

    /** "ink-wash" for STYLE_INK_WASH. */
    public static String of(ProtocolMessageEnum value, String prefix) {
        return ProtoNames.shortName(value);
    }

    /** The state name without its prefix, upper case as in the lifecycle ("COMPLETED"). */
    public static String state(ProtocolMessageEnum value, String prefix) {
        return ProtoNames.bare(value);
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
        return ProtoNames.parseShortName(type, name).orElseThrow(() -> new InvalidRequestException(List.of(new FieldError(field,
                "unknown " + field + " '" + name + "'; one of " + String.join(", ", ProtoNames.shortNames(type)))), false));
    }
}
