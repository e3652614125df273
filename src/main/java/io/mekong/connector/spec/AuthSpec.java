package io.mekong.connector.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The {@code auth} block: how every request proves who it is. Values are templates, usually {@code {{secrets.x}}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AuthSpec.Header.class, name = "header"),
        @JsonSubTypes.Type(value = AuthSpec.Bearer.class, name = "bearer"),
        @JsonSubTypes.Type(value = AuthSpec.Basic.class, name = "basic")})
public sealed interface AuthSpec {

    /** A fixed header carrying a token, e.g. {@code X-Shopify-Access-Token}. */
    record Header(String header, String value) implements AuthSpec {
        public Header {
            SpecProblem.require(header, "header");
            SpecProblem.require(value, "value");
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements AuthSpec {
        public Bearer {
            SpecProblem.require(token, "token");
        }
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements AuthSpec {
        public Basic {
            SpecProblem.require(username, "username");
            password = password == null ? "" : password;
        }
    }
}
