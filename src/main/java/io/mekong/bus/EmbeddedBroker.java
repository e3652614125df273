package io.mekong.bus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka (KRaft: broker and controller in one) inside the hub's JVM, for the default run and the tests. It
 * listens on loopback only, on free ports chosen at each start, and keeps its log under the data folder, so events
 * survive a restart. Kafka stops its process on a fatal fault by calling {@link Exit}; here those calls are taken over
 * so that a broker fault is reported (health turns DOWN) instead of killing the hub, whose store and inbox lose nothing.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";
    /** The brokers running in this JVM: Kafka's exit and halt calls are global, so a fault is told to each of them. */
    private static final Set<EmbeddedBroker> RUNNING = ConcurrentHashMap.newKeySet();

    private final AtomicReference<String> fault = new AtomicReference<>();

    private final Path logDir;
    private final int partitions;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /**
     * @param logDir     the broker's log folder, formatted at first start
     * @param partitions the default partition count of new topics
     */
    public EmbeddedBroker(Path logDir, int partitions) {
        this.logDir = logDir.toAbsolutePath();
        this.partitions = partitions;
    }

    /** Formats the log folder if it is new, and starts the broker; retries once with new ports if one was taken. */
    public synchronized EmbeddedBroker start() throws Exception {
        takeOverExit();
        Files.createDirectories(logDir);
        for (int attempt = 1; ; attempt++) {
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = config(brokerPort, controllerPort);
            format(config);
            KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                started.startup();
                server = started;
                bootstrapServers = "127.0.0.1:" + brokerPort;
                RUNNING.add(this);
                log.info("Embedded Kafka broker listening on {} (log {})", bootstrapServers, logDir);
                return this;
            } catch (RuntimeException e) {
                started.shutdown();
                if (attempt >= 3 || !(rootCause(e) instanceof java.net.BindException)) {
                    throw e;
                }
                log.warn("Port taken while the embedded broker started ({}); trying other ports", rootCause(e).getMessage());
            }
        }
    }

    /** host:port of the broker's client listener; null before start. */
    public synchronized String bootstrapServers() {
        return bootstrapServers;
    }

    /** The fatal fault Kafka reported while this broker ran, if any: it would have stopped the process. */
    public String fault() {
        return fault.get();
    }

    /** The brokers running in this JVM now. */
    static Set<EmbeddedBroker> running() {
        return Set.copyOf(RUNNING);
    }

    /** Forgets a fault: a test that simulates one must not leave it on the other hubs sharing its JVM. */
    void forgetFault() {
        fault.set(null);
    }

    @Override
    public synchronized void close() {
        RUNNING.remove(this);
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Embedded Kafka broker stopped");
        }
    }

    private KafkaConfig config(int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        // one node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        // a consumer group forms at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return new KafkaConfig(p, false);
    }

    /** A folder formatted at an earlier start keeps its cluster id and its topics. */
    private void format(KafkaConfig config) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName(CONTROLLER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        formatter.run();
    }

    /** Once per JVM: Kafka's exit and halt calls are logged and remembered instead of ending the process. */
    private static void takeOverExit() {
        Exit.setExitProcedure((status, message) -> reportFault("exit", status, message));
        Exit.setHaltProcedure((status, message) -> reportFault("halt", status, message));
    }

    private static void reportFault(String call, int status, String message) {
        String fault = "Kafka asked to " + call + " the process with status " + status
                + (message == null ? "" : ": " + message);
        RUNNING.forEach(broker -> broker.fault.set(fault));
        log.error("{}; the hub keeps running, the embedded broker is out of service until restart", fault);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
