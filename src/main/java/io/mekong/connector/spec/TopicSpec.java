package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one webhook topic's deliveries are and how they reach the store: exactly one of
 * <ul>
 *   <li>{@code record}: the body holds the record in the shape its stream reads (Stripe's {@code /data/object}), mapped
 *       as it is;</li>
 *   <li>{@code fetch}: the body holds only the record's key (Shopee, Lazada) or another shape than the stream's
 *       (Shopify's REST bodies); the record is read again through the stream's {@code lookup};</li>
 *   <li>{@code delete}: the body says the record was deleted; the stored record becomes a tombstone (once the
 *       source confirms it, when the topic names a stream to confirm with).</li>
 * </ul>
 * The shorthand {@code privacy} marks the privacy-law topics, recorded for the identity service to act on.
 *
 * @param at where the time of the event is (a header or a body field; unix seconds or ISO-8601), which orders a
 *           tombstone against the record's versions; absent: the time the hub received it. Never later than that:
 *           the receiver caps it, so a sender's clock or a forged header cannot date an event in the future
 */
public record TopicSpec(String entity, String record, Fetch fetch, Delete delete, WebhookSpec.Locator at) {

    public static final String PRIVACY = "privacy";

    /**
     * Read the record again: the key is at {@code id} of the body, written as {@code key} says ({@code {id}} stands
     * for it, e.g. {@code gid://shopify/Order/{id}}; default: as it is), and read through {@code stream}'s lookup.
     */
    public record Fetch(String stream, String id, String key) {
        public Fetch {
            SpecProblem.require(stream, "stream");
            id = Pointers.check(SpecProblem.require(id, "id"), "id");
            key = keyTemplate(key);
        }

        public String key(String id) {
            return key.replace(ID, id);
        }
    }

    /**
     * The deleted record's key is at {@code id} of the body (the stored record's key). With {@code stream}, the
     * deletion is confirmed first: the record is looked up through that stream's lookup ({@code key} writes the key as
     * the lookup wants it, as in {@link Fetch}), and only a record the source no longer has becomes a tombstone; one it
     * still has is stored as it is now. Required when the topic is named by an unsigned header (see
     * {@link WebhookSpec}): a captured body resent under a deletion topic must not bury a live record.
     */
    public record Delete(String id, String stream, String key) {
        public Delete {
            id = Pointers.check(SpecProblem.require(id, "id"), "id");
            if (stream == null && key != null) {
                throw new SpecProblem("key", "is the key for the lookup of stream: give stream too");
            }
            key = stream == null ? null : keyTemplate(key);
        }

        public boolean confirmed() {
            return stream != null;
        }

        /** The key the confirming lookup reads, for the stored record's key {@code id}. */
        public String lookupKey(String id) {
            return key.replace(ID, id);
        }
    }

    private static final String ID = "{id}";

    private static String keyTemplate(String key) {
        if (key == null) {
            return ID;
        }
        if (!key.contains(ID)) {
            throw new SpecProblem("key", "must contain {id}, where the key from the body goes (was '" + key + "')");
        }
        return key;
    }

    public TopicSpec {
        SpecProblem.require(entity, "entity");
        int modes = (record != null ? 1 : 0) + (fetch != null ? 1 : 0) + (delete != null ? 1 : 0);
        if (entity.equals(PRIVACY) ? modes != 0 : modes != 1) {
            throw new SpecProblem(entity.equals(PRIVACY) ? "entity" : "record",
                    entity.equals(PRIVACY) ? "privacy topics are recorded, not processed: give no record, fetch or delete"
                            : "give exactly one of record (the body holds the record), fetch (read it again by key)"
                            + " and delete (the body names a deleted record)");
        }
        record = record == null ? null : Pointers.check(record, "record");
    }

    /** The shorthand {@code topic: privacy}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TopicSpec shorthand(String entity) {
        if (!PRIVACY.equals(entity)) {
            throw new SpecProblem("entity", "a topic is 'privacy' or a block {entity, record | fetch | delete} (was '"
                    + entity + "')");
        }
        return new TopicSpec(PRIVACY, null, null, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static TopicSpec of(@JsonProperty("entity") String entity, @JsonProperty("record") String record,
                        @JsonProperty("fetch") Fetch fetch, @JsonProperty("delete") Delete delete,
                        @JsonProperty("at") WebhookSpec.Locator at) {
        return new TopicSpec(entity, record, fetch, delete, at);
    }

    /** Where the record is in the body: {@code /} is the whole body (a sender that posts the record itself). */
    public com.fasterxml.jackson.core.JsonPointer recordPointer() {
        return record == null ? null : Pointers.compile(record);
    }

    public boolean privacy() {
        return entity.equals(PRIVACY);
    }
}
