package io.starloom.cli.command;

import com.google.protobuf.ProtocolMessageEnum;

import io.starloom.cli.ApiNames;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.Style;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values by their API names ("ink-wash", "zh", "720p"); anything else is refused with the accepted names. */
final class NameConverters {
    private NameConverters() {
    }

    abstract static class Named<E extends Enum<E> & ProtocolMessageEnum> implements ITypeConverter<E> {
        private final Class<E> type;
        private final String prefix;

        Named(Class<E> type, String prefix) {
            this.type = type;
            this.prefix = prefix;
        }

        @Override
        public E convert(String value) {
            try {
                return ApiNames.parse(value, type, prefix);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LanguageName extends Named<Language> {
        public LanguageName() {
            super(Language.class, "LANGUAGE_");
        }
    }

    static final class StyleName extends Named<Style> {
        public StyleName() {
            super(Style.class, "STYLE_");
        }
    }

    static final class ResolutionName extends Named<Resolution> {
        public ResolutionName() {
            super(Resolution.class, "RESOLUTION_");
        }
    }
}
