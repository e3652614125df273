package io.mekong.connector.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses a connection may reach: every refused range, the IPv6 forms of IPv4 ones, the allow list, the sandbox rule. */
class EgressGuardTest {

    private static final int HUB_PORT = 8080;
    private static final InetAddress OWN = address("203.0.113.7"); // the hub's public address, in this test

    private static EgressGuard guard(List<String> allow, boolean sandbox) {
        return new EgressGuard(allow, Set.of(OWN), sandbox, () -> HUB_PORT);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, loopback", "127.10.20.30, loopback", "::1, loopback",
        "0.0.0.0, unspecified", "::, unspecified",
        "10.0.0.1, private", "172.16.0.1, private", "172.31.255.254, private", "192.168.1.1, private", "fd00::1, private",
        "fc00::5, private",
        "100.64.0.1, shared (CGNAT)", "100.127.255.254, shared (CGNAT)",
        "169.254.169.254, link-local", "fe80::1, link-local",
        "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
        "255.255.255.255, reserved",
        // IPv6 forms that carry an IPv4 address: mapped (the JDK makes it IPv4), compatible, NAT64, 6to4
        "::ffff:127.0.0.1, loopback", "::ffff:169.254.169.254, link-local", "::127.0.0.1, loopback",
        "64:ff9b::a00:1, private", "2002:a9fe:a9fe::, link-local",
        "203.0.113.7, the hub's own"})
    void refusesEveryAddressThatIsNotTheOutsideWorld(String literal, String kind) {
        assertThat(guard(List.of(), false).refusal(address(literal), 443)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
        "64:ff9b::808:808"})
    void letsPublicAddressesThrough(String literal) {
        assertThat(guard(List.of(), false).refusal(address(literal), 443)).isNull();
    }

    @Test
    void anAdminMayAllowRanges() {
        EgressGuard guard = guard(List.of("127.0.0.0/8", "::1", "10.1.2.0/24"), false);

        assertThat(guard.refusal(address("127.0.0.1"), 9000)).isNull();
        assertThat(guard.refusal(address("::1"), 9000)).isNull();
        assertThat(guard.refusal(address("10.1.2.200"), 443)).isNull();
        assertThat(guard.refusal(address("10.1.3.1"), 443)).isEqualTo("private");
        assertThat(guard.refusal(address("169.254.169.254"), 80)).isEqualTo("link-local");
    }

    @Test
    void theSandboxsOwnPortOnLoopbackIsAllowedOnlyWhileTheSandboxIsOn() {
        EgressGuard on = guard(List.of(), true);
        EgressGuard off = guard(List.of(), false);

        assertThat(on.refusal(address("127.0.0.1"), HUB_PORT)).isNull();
        assertThat(on.refusal(address("::1"), HUB_PORT)).isNull();
        assertThat(on.refusal(address("127.0.0.1"), HUB_PORT + 1)).as("another port").isEqualTo("loopback");
        assertThat(on.refusal(address("127.0.0.1"), -1)).as("port unknown").isEqualTo("loopback");
        assertThat(on.refusal(address("10.0.0.1"), HUB_PORT)).as("not loopback").isEqualTo("private");
        assertThat(on.refusal(OWN, HUB_PORT)).as("the hub's public address").isEqualTo("the hub's own");
        assertThat(off.refusal(address("127.0.0.1"), HUB_PORT)).isEqualTo("loopback");
    }

    @Test
    void onlyPlainSandboxPathsMayUseTheSandboxRule() {
        assertThat(EgressGuard.sandboxPath("/sandbox/shopify/a.myshopify.com/admin/api/2025-10/graphql.json")).isTrue();
        assertThat(EgressGuard.sandboxPath("/sandbox/lazada/rest/orders/get")).isTrue();
        for (String path : List.of("/api/connections", "/sandbox", "/sandboxes/x", "/sandbox/../api", "/sandbox/..;/api",
                "/sandbox/%2e%2e/api", "/sandbox/x%2F..%2F..%2Fapi", "/sandbox/..\\api", "")) {
            assertThat(EgressGuard.sandboxPath(path)).as(path).isFalse();
        }
        assertThat(EgressGuard.sandboxPath(null)).isFalse();
    }

    @Test
    void withoutTheSandboxRuleTheHubsPortIsLoopbackLikeAnyOther() {
        assertThat(guard(List.of(), true).withoutSandbox().refusal(address("127.0.0.1"), HUB_PORT)).isEqualTo("loopback");
        assertThat(guard(List.of("127.0.0.0/8"), true).withoutSandbox().refusal(address("127.0.0.1"), HUB_PORT)).isNull();
    }

    @Test
    void theSandboxRuleNeedsTheHubToListen() {
        EgressGuard beforeStart = new EgressGuard(List.of(), Set.of(), true, () -> 0);

        assertThat(beforeStart.refusal(address("127.0.0.1"), 0)).isEqualTo("loopback");
    }

    @Test
    void theResolverRefusesANameWhoseEveryAddressIsRefusedNamingTheHostAndTheSetting() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(guard(List.of(), false));

        assertThatThrownBy(() -> resolver.resolve("localhost", 80))
                .isInstanceOf(EgressRefused.class)
                .hasMessage("localhost resolves to a loopback address; an admin may allow it with MEKONG_EGRESS_ALLOW");
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254", 80))
                .hasMessage("169.254.169.254 resolves to a link-local address; an admin may allow it with MEKONG_EGRESS_ALLOW");
        assertThatThrownBy(() -> resolver.resolve("::ffff:10.0.0.1", 80))
                .hasMessage("::ffff:10.0.0.1 resolves to a private address; an admin may allow it with MEKONG_EGRESS_ALLOW");
        assertThatThrownBy(() -> new GuardedDnsResolver(guard(List.of(), false)).resolve("203.0.113.7", 80))
                .hasMessage("203.0.113.7 resolves to the hub's own address; an admin may allow it with MEKONG_EGRESS_ALLOW");
    }

    @Test
    void anAllowListEntryThatIsNotAnAddressRangeIsNamed() {
        assertThat(EgressGuard.problems(List.of("127.0.0.0/8", "::1", "10.1.2.0/24"))).isEmpty();
        assertThat(EgressGuard.problems(List.of("10.0.0.0/33", "intranet.example", "10.0.0.0/x", "")))
                .containsExactly(
                        "'10.0.0.0/33' is not an IP address or CIDR block such as 10.1.2.0/24 or ::1",
                        "'intranet.example' is not an IP address or CIDR block such as 10.1.2.0/24 or ::1",
                        "'10.0.0.0/x' is not an IP address or CIDR block such as 10.1.2.0/24 or ::1",
                        "'' is not an IP address or CIDR block such as 10.1.2.0/24 or ::1");
    }
}
