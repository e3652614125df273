package io.mekong.web.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A chart as the page's script draws it with uPlot: {@code {x, labels, series: [{label, values}]}}, the fixed series'
 * labels in the reader's language.
 */
@Component("chartJson")
class ChartJson {

    private final MessageSource messages;

    ChartJson(MessageSource messages) {
        this.messages = messages;
    }

    String of(Chart chart) {
        List<Map<String, Object>> series = chart.series().stream().map(s -> Map.<String, Object>of("label",
                s.label().startsWith(Chart.MESSAGE_KEY)
                        ? messages.getMessage(s.label(), null, s.label(), LocaleContextHolder.getLocale())
                        : s.label(), "values", s.values())).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", chart.x());
        json.put("labels", chart.labels());
        json.put("series", series);
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart of numbers and labels cannot be written as JSON", e);
        }
    }
}
