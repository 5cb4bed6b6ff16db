package io.starloom.scheduler.api.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import com.google.protobuf.ProtocolMessageEnum;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.starloom.contracts.ProtoNames;
import io.starloom.proto.v1.Category;
import io.starloom.proto.v1.Language;
import io.starloom.proto.v1.Resolution;
import io.starloom.proto.v1.ShotState;
import io.starloom.proto.v1.StoryState;
import io.starloom.proto.v1.Style;

/**
 * Completes the OpenAPI document with what annotations cannot say: the names every enum-like field takes,
 * read off the contract's enums through {@link ProtoNames} so that the document cannot drift from what the
 * API accepts.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiDocumentFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        for (String schema : List.of("SubmitStoryRequest", "Story")) {
            enumerate(schemas, schema, "style", names(Style.class, ProtoNames::shortName));
            enumerate(schemas, schema, "resolution", names(Resolution.class, ProtoNames::shortName));
        }
        enumerate(schemas, "SubmitStoryRequest", "language", names(Language.class, ProtoNames::shortName));
        List<Object> detectedOrNamed = new ArrayList<>(names(Language.class, ProtoNames::shortName));
        detectedOrNamed.add(null);
        enumerate(schemas, "Story", "language", detectedOrNamed);
        enumerate(schemas, "SubmitStoryRequest", "translationLanguage", names(Language.class, ProtoNames::shortName));
        enumerate(schemas, "Story", "translationLanguage", detectedOrNamed);
        enumerate(schemas, "Story", "state", names(StoryState.class, ProtoNames::bare));
        enumerate(schemas, "ShotStatus", "state", names(ShotState.class, ProtoNames::bare));
        enumerate(schemas, "Finding", "category", names(Category.class, ProtoNames::shortName));
    }

    private static void enumerate(Map<String, Schema> schemas, String schema, String property, List<Object> names) {
        schemas.get(schema).getProperties().get(property).setEnumeration(names);
    }

    private static <E extends Enum<E> & ProtocolMessageEnum> List<Object> names(Class<E> type, Function<E, String> name) {
        return Arrays.stream(type.getEnumConstants()).filter(ProtoNames::isSpecified).map(name).map(Object.class::cast).toList();
    }
}
