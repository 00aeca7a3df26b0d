package io.wschat.sns;

import java.util.Objects;

/**
 * One SNS message attribute as published: its data type ({@code String}, {@code Number}, {@code Binary},
 * {@code String.Array}, optionally with a custom suffix such as {@code String.room}) and its value, which
 * for {@code Binary} is the base64 text the API carries.
 */
public record MessageAttribute(String dataType, String value) {

    public MessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(value, "value");
    }

    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value);
    }

    public static MessageAttribute number(String value) {
        return new MessageAttribute("Number", value);
    }

    /** The base type without a custom suffix: {@code String}, {@code Number}, {@code Binary} or {@code String.Array}. */
    public String baseType() {
        if (dataType.equals("String.Array")) {
            return dataType;
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }
}
