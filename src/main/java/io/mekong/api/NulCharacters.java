package io.mekong.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body with a NUL character (U+0000) in any name or text, naming where it is: PostgreSQL stores
 * neither {@code text} nor {@code jsonb} with one, so it would otherwise fail at the database, after the request was
 * accepted. Checked once here for every body the API reads, whatever the handler does with it.
 */
@RestControllerAdvice(basePackages = "io.mekong.api")
class NulCharacters extends RequestBodyAdviceAdapter {

    private static final char NUL = '\u0000';

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converter) {
        JsonNode tree = body instanceof JsonNode node ? node : Json.MAPPER.valueToTree(body);
        String where = find(tree, JsonPointer.empty());
        if (where != null) {
            throw new IllegalArgumentException("the body has a NUL character (\\u0000) at " + (where.isEmpty() ? "/" : where)
                    + "; text stored by the hub cannot contain it");
        }
        return body;
    }

    /** The JSON pointer of the first name or text holding a NUL, or null when there is none. */
    private static String find(JsonNode node, JsonPointer at) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0 ? at.toString() : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonPointer child = at.appendProperty(field.getKey());
                if (field.getKey().indexOf(NUL) >= 0) {
                    return child.toString();
                }
                String found = find(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), at.appendIndex(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
