package io.mekong.sandbox.magento;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.sandbox.QueryParameters;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's own OAuth 1.0a checks against the published examples, not against the hub's signer. */
class OAuth1VerifierTest {

    /** RFC 5849 §3.4.1.1: query, form body and header parameters, with repeated names, empty values and escapes. */
    @Test
    void signatureBaseOfTheRfc5849Example() {
        Map<String, String> oauth = OAuth1Verifier.authorization("OAuth realm=\"Example\", "
                + "oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\", "
                + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", "
                + "oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"");
        assertThat(oauth).doesNotContainKey("realm").containsEntry("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw=");
        oauth.remove("oauth_signature");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(QueryParameters.parse("b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
        parameters.addAll(QueryParameters.parse("c2&a3=2+q"));
        parameters.addAll(oauth.entrySet());

        assertThat(OAuth1Verifier.signatureBase("POST", URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
                parameters)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
                + "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
                + "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
                + "9d7dh3k39sjv7");
    }

    /**
     * The request of OAuth Core 1.0 Appendix A (consumer secret kd94hf93k423kf44, token secret pfkkdhi9sl3r4s00) signed
     * with HMAC-SHA256 as Magento requires; the expected value was computed with {@code openssl dgst -sha256 -hmac}.
     */
    @Test
    void hmacSha256SignatureOfTheOAuthCoreAppendixARequest() {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(QueryParameters.parse("file=vacation.jpg&size=original"));
        parameters.addAll(Map.of("oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth_token", "nnch734d00sl2jdk",
                "oauth_signature_method", "HMAC-SHA256", "oauth_timestamp", "1191242096",
                "oauth_nonce", "kllo9940pd9333jh", "oauth_version", "1.0").entrySet());

        String base = OAuth1Verifier.signatureBase("get", URI.create("HTTP://Photos.Example.NET:80/photos?file=vacation.jpg"),
                parameters);

        assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
                + "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
        assertThat(OAuth1Verifier.signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("WVPzl1j6ZsnkIjWr7e3OZ3jkenL57KwaLFhYsroX1hg=");
    }

    @Test
    void encodingIsRfc3986UnreservedOnlyWithUpperCaseHex() {
        assertThat(OAuth1Verifier.encode("a b+c*~é/")).isEqualTo("a%20b%2Bc%2A~%C3%A9%2F");
        assertThat(OAuth1Verifier.authorization("Bearer abc")).isEmpty();
        assertThat(OAuth1Verifier.authorization(null)).isEmpty();
    }
}
