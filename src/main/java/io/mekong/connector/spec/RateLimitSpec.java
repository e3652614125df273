package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonPointer;

/** The {@code rateLimit} block: the budget a connection spends. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RateLimitSpec.GraphqlCost.class, name = "graphqlCost"),
        @JsonSubTypes.Type(value = RateLimitSpec.RequestRate.class, name = "requestRate")})
public sealed interface RateLimitSpec {

    /**
     * A GraphQL query-cost leaky bucket (Shopify): the response reports the bucket and the query's cost; the
     * connector waits for the bucket to refill instead of being throttled.
     *
     * @param throttleStatus     JSON Pointer to {maximumAvailable, currentlyAvailable, restoreRate}
     * @param requestedCost      JSON Pointer to the cost the server charged up front for the query
     * @param throttledErrorCode {@code errors[].extensions.code} that marks a throttled response
     * @param maxThrottledWaits  consecutive throttled responses tolerated for one request before giving up
     */
    record GraphqlCost(String throttleStatus, String requestedCost, String throttledErrorCode,
                       Integer maxThrottledWaits) implements RateLimitSpec {
        public GraphqlCost {
            throttleStatus = Pointers.check(throttleStatus == null ? "/extensions/cost/throttleStatus" : throttleStatus, "throttleStatus");
            requestedCost = Pointers.check(requestedCost == null ? "/extensions/cost/requestedQueryCost" : requestedCost, "requestedCost");
            throttledErrorCode = throttledErrorCode == null ? "THROTTLED" : throttledErrorCode;
            maxThrottledWaits = maxThrottledWaits == null ? 20 : maxThrottledWaits;
            if (maxThrottledWaits < 1) {
                throw new SpecProblem("maxThrottledWaits", "must be at least 1");
            }
        }

        public JsonPointer throttleStatusPointer() {
            return JsonPointer.compile(throttleStatus);
        }

        public JsonPointer requestedCostPointer() {
            return JsonPointer.compile(requestedCost);
        }
    }

    /**
     * A fixed request rate with a burst (Shopee, Lazada, Stripe, Magento behind a WAF), kept in the database so
     * that every instance of the hub draws on one budget per connection.
     *
     * @param perSecond requests per second, sustained
     * @param burst     requests that may go at once after a quiet spell
     */
    record RequestRate(Double perSecond, Integer burst) implements RateLimitSpec {
        public RequestRate {
            SpecProblem.require(perSecond, "perSecond");
            if (perSecond <= 0) {
                throw new SpecProblem("perSecond", "must be positive (was " + perSecond + ")");
            }
            burst = burst == null ? 1 : burst;
            if (burst < 1) {
                throw new SpecProblem("burst", "must be at least 1 (was " + burst + ")");
            }
        }
    }
}
