package io.mekong.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says what is wrong with a request body that could not be read, in the words of JSON (where, and what was
 * expected there) rather than Jackson's, which name Java classes.
 */
final class UnreadableJson {

    private static final int LONGEST_ECHO = 100;

    private UnreadableJson() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return "the request needs a JSON body";
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return (mismatch.getPath().isEmpty() ? "the body" : pointer(mismatch)) + " must be " + kind(mismatch.getTargetType());
        }
        if (cause instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return shortened(json.getOriginalMessage())
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return "the body is not readable JSON";
    }

    /** A value echoed in an error, cut short: a huge input is not sent back whole. */
    static String shortened(String text) {
        return text.length() <= LONGEST_ECHO ? text : text.substring(0, LONGEST_ECHO) + "...";
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            pointer.append('/').append(step.getFieldName() != null ? shortened(step.getFieldName()) : step.getIndex());
        }
        return pointer.toString();
    }

    private static String kind(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")
                ? "an object" : "a JSON value of another type";
    }
}
