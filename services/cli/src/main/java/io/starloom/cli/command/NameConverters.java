package io.starloom.cli.command;

import com.google.protobuf.ProtocolMessageEnum;

import io.starloom.contracts.ProtoNames;
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

        Named(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            return ProtoNames.parseShortName(type, value).orElseThrow(() -> new TypeConversionException(
                    "'" + value + "' is not one of " + String.join(", ", ProtoNames.shortNames(type))));
        }
    }

    static final class LanguageName extends Named<Language> {
        public LanguageName() {
            super(Language.class);
        }
    }

    static final class StyleName extends Named<Style> {
        public StyleName() {
            super(Style.class);
        }
    }

    static final class ResolutionName extends Named<Resolution> {
        public ResolutionName() {
            super(Resolution.class);
        }
    }
}
