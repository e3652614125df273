package io.mekong.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap's high-water mark during a measurement: the used heap sampled every 50 ms by a daemon thread (garbage not
 * yet collected included, so it is an upper bound of what the work keeps).
 */
final class HeapPeak {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();

    HeapPeak() {
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-peak");
        sampler.setDaemon(true);
        sampler.start();
    }

    void reset() {
        peak.set(memory.getHeapMemoryUsage().getUsed());
    }

    long peak() {
        return peak.get();
    }
}
