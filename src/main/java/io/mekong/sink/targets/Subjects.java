package io.mekong.sink.targets;

import io.mekong.bus.BusEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks the events a writer acts on out of a batch. */
final class Subjects {

    private Subjects() {
    }

    /**
     * The latest event of each subject of this type, in bus order of their last appearance: a profile changed twice in
     * one batch is written once, as it is now (batch endpoints refuse one object twice).
     */
    static List<BusEvent> latest(List<BusEvent> events, String type) {
        Map<String, BusEvent> latest = new LinkedHashMap<>();
        for (BusEvent event : events) {
            if (event.type().equals(type)) {
                latest.remove(event.subject());
                latest.put(event.subject(), event);
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** The local id of an order or checkout: its connection and external id. */
    static String recordKey(BusEvent event) {
        return event.data().path("connection").asText() + "/" + event.data().path("externalId").asText();
    }
}
