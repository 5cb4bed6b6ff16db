package io.starloom.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.protobuf.ProtocolMessageEnum;

/**
 * The one place that strips and restores protobuf enum prefixes. Every enum of the contracts starts at
 * {@code <PREFIX>_UNSPECIFIED = 0}, so the prefix is read off that value: STYLE_INK_WASH ↔ "ink-wash",
 * LANGUAGE_ZH ↔ "zh", RESOLUTION_720P ↔ "720p" (short names, as in the REST API and the CLI), and
 * STORY_STATE_COMPLETED ↔ "COMPLETED" (bare names, as states are written in the lifecycle).
 */
public final class ProtoNames {
    private static final String UNSPECIFIED = "UNSPECIFIED";

    private ProtoNames() {
    }

    /** "COMPLETED" for STORY_STATE_COMPLETED. */
    public static String bare(ProtocolMessageEnum value) {
        String name = valueName(value);
        String prefix = prefixOf(value);
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** "ink-wash" for STYLE_INK_WASH. */
    public static String shortName(ProtocolMessageEnum value) {
        return bare(value).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the value is a real choice: not {@code _UNSPECIFIED} and not a number this build does not know. */
    public static boolean isSpecified(ProtocolMessageEnum value) {
        return !(value instanceof Enum<?> e && e.name().equals("UNRECOGNIZED")) && value.getNumber() != 0;
    }

    /** The short names of every specified value, in declaration order. */
    public static <E extends Enum<E> & ProtocolMessageEnum> List<String> shortNames(Class<E> type) {
        return specified(type).stream().map(ProtoNames::shortName).toList();
    }

    /** The value whose short name is {@code name} (case-insensitive, surrounding blanks ignored). */
    public static <E extends Enum<E> & ProtocolMessageEnum> Optional<E> parseShortName(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return specified(type).stream().filter(value -> shortName(value).equals(wanted)).findFirst();
    }

    /** The value whose bare name is {@code name} ("COMPLETED"). */
    public static <E extends Enum<E> & ProtocolMessageEnum> Optional<E> parseBare(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        return specified(type).stream().filter(value -> bare(value).equals(wanted)).findFirst();
    }

    private static <E extends Enum<E> & ProtocolMessageEnum> List<E> specified(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(ProtoNames::isSpecified).toList();
    }

    private static String valueName(ProtocolMessageEnum value) {
        return value instanceof Enum<?> e ? e.name() : value.getValueDescriptor().getName();
    }

    /** "STORY_STATE_" for any StoryState: the name of value 0 without "UNSPECIFIED". */
    private static String prefixOf(ProtocolMessageEnum value) {
        String zero = value.getDescriptorForType().findValueByNumber(0).getName();
        return zero.endsWith(UNSPECIFIED) ? zero.substring(0, zero.length() - UNSPECIFIED.length()) : "";
    }
}
