package io.mekong.web.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.privacy.ErasureRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An erasure request laid out for its page: the parts done in Mekong (store, raw landing, dead letters, inbox,
 * reporting), and each destination that has to confirm it.
 */
public record ErasureStatus(ErasureRequest request, List<Part> parts, List<Target> targets) {

    /** @param name the part's key in the request ({@code store}, {@code rawLanding}...) */
    public record Part(String name, String status) {
    }

    public record Target(String destination, String connector, String status, String detail, String confirmedAt) {
    }

    /** The parts in the order data flows through Mekong; a part not known here comes last. */
    private static final List<String> FLOW = List.of("inbox", "rawLanding", "store", "deadLetters", "targets", "reporting");

    static ErasureStatus of(ErasureRequest request) {
        List<Part> parts = new ArrayList<>();
        request.parts().fields().forEachRemaining(e -> parts.add(new Part(e.getKey(), e.getValue().asText())));
        parts.sort(Comparator.comparingInt(p -> FLOW.contains(p.name()) ? FLOW.indexOf(p.name()) : FLOW.size()));
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : request.targets()) {
            targets.add(new Target(t.path("destination").asText(), t.path("connector").asText(), t.path("status").asText(),
                    t.path("detail").isNull() ? null : t.path("detail").asText(null),
                    t.path("confirmedAt").isNull() ? null : t.path("confirmedAt").asText(null)));
        }
        return new ErasureStatus(request, parts, targets);
    }

    public boolean complete() {
        return "completed".equals(request.status());
    }

    /** What the erasure found to erase, by kind: {@code identities, customers, orders, payments}. */
    public long count(String kind) {
        return request.subject().path(kind).asLong();
    }

    public Instant confirmedAt(Target target) {
        return target.confirmedAt() == null ? null : Instant.parse(target.confirmedAt());
    }
}
