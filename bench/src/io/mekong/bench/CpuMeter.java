package io.mekong.bench;

import io.mekong.sandbox.SandboxHttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time spent during a measurement, split three ways: the other side of the hub's conversation that runs in this
 * JVM (the simulated Shopify's server threads in P1, the load generator's threads in P2), the rest of this JVM (the
 * hub: connector, mapping, store, JIT, GC), and the embedded PostgreSQL's processes; P3 splits a fourth share off the
 * hub, the embedded Kafka broker's server threads. On a machine with few cores this
 * shows whether a stage waits or computes, and what a stage costs when it cannot overlap.
 * Linux only for PostgreSQL (reads /proc); elsewhere its share is reported as 0.
 */
final class CpuMeter {

    /** CPU seconds at one instant. */
    record Sample(double jvm, double simulator, double broker, double postgres) {
        Sample minus(Sample earlier) {
            return new Sample(jvm - earlier.jvm, simulator - earlier.simulator, broker - earlier.broker,
                    postgres - earlier.postgres);
        }

        /** Hub = the JVM minus the other side's threads and the broker's. */
        double hub() {
            return jvm - simulator - broker;
        }

        /** Everything: this JVM and PostgreSQL. */
        double total() {
            return jvm + postgres;
        }
    }

    private static final double CLOCK_TICKS = 100.0;

    /** The sandbox server's worker threads and the JDK server's dispatcher thread. */
    static final Predicate<String> SIMULATOR = name -> name.startsWith(SandboxHttpServer.THREAD_PREFIX)
            || name.equals("HTTP-Dispatcher");

    /**
     * The embedded KRaft broker's own threads (request handlers, network, log, raft, controller, coordinators), not
     * the Kafka clients' (producer, consumer, admin threads are the hub's).
     */
    static final Predicate<String> BROKER = name -> !name.startsWith("kafka-producer-network-thread")
            && !name.startsWith("kafka-coordinator-heartbeat-thread") && !name.startsWith("kafka-admin-client-thread")
            && !name.contains("KafkaConsumer") && (name.contains("kafka") || name.startsWith("raft-")
            || name.startsWith("quorum-controller") || name.startsWith("broker-") || name.startsWith("controller-")
            || name.startsWith("ExpirationReaper") || name.startsWith("group-coordinator")
            || name.startsWith("share-coordinator") || name.startsWith("TxnMarkerSenderThread")
            || name.startsWith("LogDirFailureHandler") || name.startsWith("transaction-log-manager")
            || name.startsWith("metrics-meter-tick-thread") || name.startsWith("executor-"));

    private final Path dataDir;
    private final Predicate<String> otherSide;
    private final Predicate<String> broker;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * @param dataDir   the hub's data directory; PostgreSQL processes are found by it on their command line
     * @param otherSide names of this JVM's threads that are not the hub's
     */
    CpuMeter(Path dataDir, Predicate<String> otherSide) {
        this(dataDir, otherSide, name -> false);
    }

    /** @param broker names of this JVM's threads that are the embedded broker's */
    CpuMeter(Path dataDir, Predicate<String> otherSide, Predicate<String> broker) {
        this.dataDir = dataDir;
        this.otherSide = otherSide;
        this.broker = broker;
    }

    Sample now() {
        return new Sample(os.getProcessCpuTime() / 1e9, threadSeconds(otherSide), threadSeconds(broker),
                postgresSeconds());
    }

    /** CPU seconds of the live threads whose names match (a thread's time is lost with it: measure long-lived ones). */
    private double threadSeconds(Predicate<String> names) {
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** utime + stime of every postgres process of this data directory, plus the reaped children of each. */
    private double postgresSeconds() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        String marker = dataDir.toString();
        double ticks = 0;
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path pid : pids.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                ticks += postgresTicks(pid, marker);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / CLOCK_TICKS;
    }

    private static long postgresTicks(Path pid, String marker) {
        try {
            String stat = Files.readString(pid.resolve("stat"));
            if (!stat.contains("(postgres)")) {
                return 0;
            }
            // backends are forked by the postmaster: they share its command line, which names the data directory
            String cmdline = Files.readString(pid.resolve("cmdline"));
            boolean ours = cmdline.contains(marker) || isChildOfOurs(stat, marker);
            if (!ours) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from state (index 0 = field 3): utime 14, stime 15, cutime 16, cstime 17
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended while being read
        }
    }

    private static boolean isChildOfOurs(String stat, String marker) throws IOException {
        String ppid = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
        Path parent = Path.of("/proc", ppid, "cmdline");
        return Files.exists(parent) && Files.readString(parent).contains(marker);
    }
}
