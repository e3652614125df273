package io.mekong.connector;

/** Camel message header names shared by the {@code connector:}, {@code mapping:} and {@code store:} components and the routes. */
public final class Headers {

    /** In: the {@link ConnectionContext} to read with. */
    public static final String CONNECTION = "MekongConnection";
    /** In (optional): connector name, overrides the endpoint's (for {@code connector:fetch}). */
    public static final String SYSTEM = "MekongSystem";
    /** In (optional): stream name, overrides the endpoint's (for {@code connector:fetch}). */
    public static final String STREAM = "MekongStream";
    /** In: last committed checkpoint ({@code JsonNode}) of (connection, stream), or null on the first run. */
    public static final String CHECKPOINT = "MekongCheckpoint";
    /** In: page token (String) of the page to read, null to start a run. Out: the next page's token, null at the end. */
    public static final String PAGE_TOKEN = "MekongPageToken";
    /** Out: whether another page follows (Boolean). */
    public static final String HAS_MORE = "MekongHasMore";
    /** Out: the checkpoint ({@code JsonNode}) to persist once this page is committed. */
    public static final String CHECKPOINT_NEXT = "MekongCheckpointNext";
    /**
     * Out: per optional detail or child ({@code attachAs}), how many records of the batch are stored without it
     * ({@code Map<String, Integer>}, empty when nothing is missing); the store adds it to the run's counts.
     */
    public static final String MISSING_DETAILS = "MekongMissingDetails";
    /** Out: the stream's entity, e.g. "order". */
    public static final String ENTITY = "MekongEntity";
    /** In (store): the sync run (Long) whose counts a committed page adds to; absent outside runs. */
    public static final String RUN_ID = "MekongRunId";
    /**
     * In (optional): the {@link PageBudget} of the sync run reading: each listing request spends a page of it, and a
     * spent budget fails the read. Absent outside runs: no limit.
     */
    public static final String PAGE_BUDGET = "MekongPageBudget";
    /** Out ({@code connector:keys}): when the listing of every key began ({@code Instant}); tombstones are dated by it. */
    public static final String LISTED_AT = "MekongListedAt";
    /**
     * In (store): the checkpoint row a page's checkpoint is saved under, when not the stream's own (a sweep keeps
     * its own, {@code <stream>#sweep}).
     */
    public static final String CHECKPOINT_KEY = "MekongCheckpointKey";
    /**
     * In (store): where the records of the body came from, when they must be told in the same transaction what became
     * of them (webhook deliveries, dead letters being replayed).
     */
    public static final String ORIGINS = "MekongOrigins";
    /** Out (store): the counts of the page just committed ({@code PageOutcome}). */
    public static final String PAGE_OUTCOME = "MekongPageOutcome";

    private Headers() {
    }
}
