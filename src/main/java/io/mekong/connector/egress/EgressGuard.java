package io.mekong.connector.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.IntSupplier;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Which addresses the hub may connect to on a connection's behalf (DESIGN.md §3: the hub only calls the outside
 * world). Refuses loopback, link-local, private, shared (CGNAT), multicast, unspecified and reserved ranges, IPv6
 * forms that embed such an IPv4 address, and the hub's own addresses; an admin may allow ranges
 * ({@code mekong.egress.allow}), and while the sandbox is on, the hub's own port on loopback is allowed (the
 * simulators are served there).
 */
public final class EgressGuard {

    /** The env var an admin sets to allow ranges: named in every refusal. */
    public static final String ALLOW_ENV = "MEKONG_EGRESS_ALLOW";

    /** Range → what it is, as a refusal names it; first match wins. */
    private static final Map<IpAddressMatcher, String> REFUSED = refused(
            "127.0.0.0/8", "loopback", "::1/128", "loopback",
            "0.0.0.0/8", "unspecified", "::/128", "unspecified",
            "10.0.0.0/8", "private", "172.16.0.0/12", "private", "192.168.0.0/16", "private", "fc00::/7", "private",
            "100.64.0.0/10", "shared (CGNAT)",
            "169.254.0.0/16", "link-local", "fe80::/10", "link-local", "fec0::/10", "private",
            "224.0.0.0/4", "multicast", "ff00::/8", "multicast",
            "192.0.0.0/24", "reserved", "198.18.0.0/15", "reserved", "240.0.0.0/4", "reserved");

    private final List<IpAddressMatcher> allowed;
    private final Set<InetAddress> own;
    private final boolean sandbox;
    private final IntSupplier hubPort;

    /**
     * @param allow   CIDRs an admin allows (already validated at start-up)
     * @param own     the hub's own addresses
     * @param sandbox whether the simulators are served on the hub's own port
     * @param hubPort the hub's HTTP port once it listens (0 before)
     */
    public EgressGuard(List<String> allow, Set<InetAddress> own, boolean sandbox, IntSupplier hubPort) {
        this(sandbox, allow.stream().map(String::strip).map(IpAddressMatcher::new).toList(),
                own.stream().map(EgressGuard::plain).collect(Collectors.toUnmodifiableSet()), hubPort);
    }

    /** This guard without the sandbox rule: for requests outside the simulators' paths. */
    public EgressGuard withoutSandbox() {
        return sandbox ? new EgressGuard(false, allowed, own, hubPort) : this;
    }

    private EgressGuard(boolean sandbox, List<IpAddressMatcher> allowed, Set<InetAddress> own, IntSupplier hubPort) {
        this.allowed = allowed;
        this.own = own;
        this.sandbox = sandbox;
        this.hubPort = hubPort;
    }

    /**
     * Whether a request to this path may use the sandbox rule: under {@code /sandbox/}, and plain, since the hub's web
     * server would resolve {@code ..}, {@code ;} path parameters and escapes to some other path of its own.
     */
    public static boolean sandboxPath(String rawPath) {
        return rawPath != null && rawPath.startsWith("/sandbox/") && !rawPath.contains("..") && !rawPath.contains(";")
                && !rawPath.contains("%") && !rawPath.contains("\\");
    }

    /** A guard for this host's current interface addresses. */
    public static EgressGuard forThisHost(List<String> allow, boolean sandbox, IntSupplier hubPort) {
        return new EgressGuard(allow, interfaceAddresses(), sandbox, hubPort);
    }

    /**
     * Why the hub must not connect to {@code address}:{@code port}, or null when it may.
     *
     * @param port the port to connect to; -1 when unknown (then the sandbox rule cannot apply)
     */
    public String refusal(InetAddress address, int port) {
        String literal = literal(address);
        if (allowed.stream().anyMatch(range -> range.matches(literal))) {
            return null;
        }
        String kind = kind(address);
        if (kind == null && address instanceof Inet6Address v6) {
            Inet4Address embedded = embeddedIpv4(v6);
            kind = embedded == null ? null : kind(embedded);
        }
        if (kind == null && own.contains(plain(address))) {
            kind = "the hub's own";
        }
        if (kind == null) {
            return null;
        }
        boolean sandboxPort = sandbox && port > 0 && port == hubPort.getAsInt() && address.isLoopbackAddress();
        return sandboxPort ? null : kind;
    }

    private static String kind(InetAddress address) {
        String literal = literal(address);
        for (Map.Entry<IpAddressMatcher, String> range : REFUSED.entrySet()) {
            if (range.getKey().matches(literal)) {
                return range.getValue();
            }
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address; the JDK
     * already turns IPv4-mapped addresses (::ffff:a.b.c.d) into IPv4.
     */
    static Inet4Address embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        int from;
        if (zero(b, 0, 12)) {
            from = 12;
        } else if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            from = 12;
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            from = 2;
        } else {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address without its host name or IPv6 scope, so that it compares and matches by its bytes alone. */
    private static InetAddress plain(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String literal(InetAddress address) {
        return plain(address).getHostAddress();
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                Collections.list(nic.getInetAddresses()).forEach(a -> addresses.add(plain(a)));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this host's network addresses for the egress guard", e);
        }
        return addresses;
    }

    private static Map<IpAddressMatcher, String> refused(String... rangeAndKind) {
        Map<IpAddressMatcher, String> ranges = new LinkedHashMap<>();
        for (int i = 0; i < rangeAndKind.length; i += 2) {
            ranges.put(new IpAddressMatcher(rangeAndKind[i]), rangeAndKind[i + 1]);
        }
        return Collections.unmodifiableMap(ranges);
    }

    /**
     * Problems with an allow list, one per entry that is not an IP address or CIDR block; empty when it is valid.
     */
    public static List<String> problems(List<String> allow) {
        List<String> problems = new ArrayList<>();
        for (String entry : allow) {
            try {
                new IpAddressMatcher(entry.strip());
            } catch (IllegalArgumentException e) {
                problems.add("'" + entry + "' is not an IP address or CIDR block such as 10.1.2.0/24 or ::1");
            }
        }
        return problems;
    }
}
