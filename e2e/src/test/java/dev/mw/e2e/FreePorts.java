package dev.mw.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports for the services the tests start. The ports come from below the
 * kernel's ephemeral range: a port chosen there could be taken, between the test choosing it and
 * the service binding it, by the local end of any outgoing connection (CI once lost a worker's
 * port to a registration call that way). A port is never handed out twice in one test run, so
 * two clusters started one after the other cannot collide on a port the first one still holds
 * in TIME_WAIT.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int EPHEMERAL_LOW_DEFAULT = 32_768;
    private static final int END = ephemeralLow();
    private static int cursor = LOWEST + ThreadLocalRandom.current().nextInt(END - LOWEST);

    private FreePorts() {
    }

    public static int next() {
        return next(1).get(0);
    }

    /** {@code count} distinct free ports. */
    public static List<Integer> next(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            ports.add(block(1));
        }
        return ports;
    }

    /** The first of {@code count} consecutive free ports. */
    public static synchronized int block(int count) {
        for (int tried = 0; tried < END - LOWEST; tried++) {
            if (cursor + count > END) {
                cursor = LOWEST;
            }
            int base = cursor;
            cursor += count;
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free loopback ports in " + LOWEST + "-" + END);
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            if (!isFree(port)) {
                return false;
            }
        }
        return true;
    }

    /** The first port of Linux's ephemeral range, or its usual default where it cannot be read. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : EPHEMERAL_LOW_DEFAULT;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_LOW_DEFAULT;
        }
    }
}
