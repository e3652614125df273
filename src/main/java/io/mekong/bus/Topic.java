package io.mekong.bus;

/**
 * The bus's topics (docs/events.md). Each carries one kind of subject, keyed so that the events of one subject land on
 * one partition in order; its events' {@code dataschema} names the version of their data.
 */
public enum Topic {
    PROFILES("profiles", "profile", 1),
    ORDERS("orders", "order", 1),
    PAYMENTS("payments", "payment", 1),
    PRODUCTS("products", "product", 1),
    CHECKOUTS("checkouts", "checkout", 1),
    ERASURES("erasures", "erasure", 1);

    private final String id;
    private final String subject;
    private final int version;

    Topic(String id, String subject, int version) {
        this.id = id;
        this.subject = subject;
        this.version = version;
    }

    /** As the outbox and the destinations' {@code deliver} name it. */
    public String id() {
        return id;
    }

    /** The subject's name in event types: {@code io.mekong.<subject>.changed}. */
    public String subject() {
        return subject;
    }

    public String dataSchema() {
        return "mekong:" + subject + ":" + version;
    }

    public static Topic of(String id) {
        for (Topic topic : values()) {
            if (topic.id.equals(id)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("Unknown topic '" + id + "'");
    }
}
