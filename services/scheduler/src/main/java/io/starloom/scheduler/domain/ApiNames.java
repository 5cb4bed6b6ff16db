package io.starloom.scheduler.domain;

import java.util.List;

import com.google.protobuf.ProtocolMessageEnum;

import io.starloom.contracts.ProtoNames;

/**
 * Reads the short enum names a REST caller sends ("ink-wash", "zh", "720p") as {@link ProtoNames} makes
 * them, turning an unknown name into a field error that lists the accepted ones.
 */
public final class ApiNames {
    private ApiNames() {
    }

    /**
     * The enum value named {@code name}, or {@code defaultValue} when the name is absent.
     *
     * @throws InvalidRequestException naming {@code field} and the accepted names
     */
    public static <E extends Enum<E> & ProtocolMessageEnum> E parse(String field, String name, Class<E> type, E defaultValue) {
        if (name == null || name.isBlank()) {
            return defaultValue;
        }
        return ProtoNames.parseShortName(type, name).orElseThrow(() -> new InvalidRequestException(List.of(new FieldError(field,
                ErrorCode.UNKNOWN_NAME, field, name, String.join(", ", ProtoNames.shortNames(type)))), false));
    }
}
