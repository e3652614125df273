package io.mekong.web.destinations;

import io.mekong.ops.RefusedChange;
import io.mekong.sink.DestinationChanges.DestinationDraft;
import io.mekong.web.Refusals;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the destination form shows and sends: its id, its target connection as {@code workspace/id} (the option's
 * value, which also tells a new destination's workspace), what it delivers and whether it is enabled.
 */
record DestinationForm(String id, String connection, List<String> deliver, boolean enabled) {

    /** The inputs a refusal can be shown next to; any other refusal is shown above the form. */
    private static final Set<String> FIELDS = Set.of("id", "connection", "deliver");

    DestinationForm {
        deliver = deliver == null ? List.of() : List.copyOf(deliver);
    }

    static String connectionValue(String workspace, String apiId) {
        return workspace + "/" + apiId;
    }

    /** The service's draft: an empty {@code deliver} stays empty, so that it is refused rather than kept. */
    DestinationDraft draft(String apiId) {
        int slash = connection == null ? -1 : connection.lastIndexOf('/');
        return new DestinationDraft(apiId, slash < 0 ? null : connection.substring(0, slash),
                slash < 0 ? connection : connection.substring(slash + 1), deliver, enabled);
    }

    /**
     * The refusal in the reader's language, under the input it is about ({@code id}, {@code connection},
     * {@code deliver}) or under {@code form} for the whole form.
     */
    static Map<String, String> errors(RefusedChange refusal, Refusals refusals) {
        return Map.of(refusal.field().filter(FIELDS::contains).orElse("form"), refusals.text(refusal));
    }
}
