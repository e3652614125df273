package io.mekong.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.config.JsonNul;
import java.lang.reflect.Type;
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

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converter) {
        String where = JsonNul.firstAt(body instanceof JsonNode node ? node : Json.MAPPER.valueToTree(body));
        if (where != null) {
            throw new IllegalArgumentException("the body has a NUL character (\\u0000) at " + where
                    + "; text stored by the hub cannot contain it");
        }
        return body;
    }
}
