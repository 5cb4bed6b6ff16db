package io.starloom.scheduler.persistence;

import jakarta.persistence.AttributeConverter;

import com.google.protobuf.ProtocolMessageEnum;

import io.starloom.contracts.ProtoNames;

/**
 * Stores a protobuf enum of the public API as its short name ("zh", "ink-wash", "720p"), the way the
 * REST API writes it, instead of its wire name. NULL is "not chosen": the {@code _UNSPECIFIED} value, and
 * also a value this build does not know (UNRECOGNIZED), which the scheduler treats as not chosen too.
 */
public abstract class ShortNameColumn<E extends Enum<E> & ProtocolMessageEnum> implements AttributeConverter<E, String> {
    private final Class<E> type;
    private final E unspecified;

    protected ShortNameColumn(Class<E> type, E unspecified) {
        this.type = type;
        this.unspecified = unspecified;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null || !ProtoNames.isSpecified(value) ? null : ProtoNames.shortName(value);
    }

    @Override
    public E convertToEntityAttribute(String name) {
        if (name == null) {
            return unspecified;
        }
        return ProtoNames.parseShortName(type, name)
                .orElseThrow(() -> new IllegalStateException("the database holds an unknown " + type.getSimpleName() + " '" + name + "'"));
    }

    public static class Language extends ShortNameColumn<io.starloom.proto.v1.Language> {
        public Language() {
            super(io.starloom.proto.v1.Language.class, io.starloom.proto.v1.Language.LANGUAGE_UNSPECIFIED);
        }
    }

    public static class Style extends ShortNameColumn<io.starloom.proto.v1.Style> {
        public Style() {
            super(io.starloom.proto.v1.Style.class, io.starloom.proto.v1.Style.STYLE_UNSPECIFIED);
        }
    }

    public static class Resolution extends ShortNameColumn<io.starloom.proto.v1.Resolution> {
        public Resolution() {
            super(io.starloom.proto.v1.Resolution.class, io.starloom.proto.v1.Resolution.RESOLUTION_UNSPECIFIED);
        }
    }

    public static class AspectRatio extends ShortNameColumn<io.starloom.proto.v1.AspectRatio> {
        public AspectRatio() {
            super(io.starloom.proto.v1.AspectRatio.class, io.starloom.proto.v1.AspectRatio.ASPECT_RATIO_UNSPECIFIED);
        }
    }

    public static class Priority extends ShortNameColumn<io.starloom.proto.v1.Priority> {
        public Priority() {
            super(io.starloom.proto.v1.Priority.class, io.starloom.proto.v1.Priority.PRIORITY_UNSPECIFIED);
        }
    }
}
