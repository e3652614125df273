package io.mekong.sandbox.accounts;

import io.mekong.sandbox.TokenPair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One account of a simulated vendor, as the console's connection form asks for it.
 *
 * @param connector    the connector whose form takes these values
 * @param name         what tells the account apart from the vendor's others
 * @param values       the form's values by connection parameter, in the order the page lists them
 * @param tokensRotate each renewal spends the refresh token and issues a new pair, so the pair shown works for one
 *                     connection at a time
 */
public record SimulatedAccount(String connector, String name, Map<String, String> values, boolean tokensRotate) {

    static SimulatedAccount of(String connector, String name) {
        return new SimulatedAccount(connector, name, Map.of(), false);
    }

    /** The same account with one more value; a value the vendor has not issued (null) is left out. */
    SimulatedAccount with(String param, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(param, value.toString());
        return new SimulatedAccount(connector, name, Collections.unmodifiableMap(more), tokensRotate);
    }

    /** The same account with the pair of tokens the vendor issued last, if it issued one. */
    SimulatedAccount withTokens(TokenPair tokens) {
        if (tokens == null) {
            return this;
        }
        SimulatedAccount withPair = with("accessToken", tokens.accessToken()).with("refreshToken", tokens.refreshToken());
        return new SimulatedAccount(connector, name, withPair.values, true);
    }

    @Override
    public String toString() {
        return "SimulatedAccount[" + connector + ", " + name + ", " + values.keySet() + "]";
    }
}
