package io.starloom.scheduler.webhooks.persistence;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Event types as one comma-separated column (no type contains a comma): simple for the trigger's string_to_array. */
@Converter
public class EventTypesColumn implements AttributeConverter<List<String>, String> {
    @Override
    public String convertToDatabaseColumn(List<String> types) {
        return types == null ? "" : String.join(",", types);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }
}
