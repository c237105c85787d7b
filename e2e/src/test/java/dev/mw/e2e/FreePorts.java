package dev.mw.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds free loopback ports. A port is never handed out twice in one test run, so two clusters
 * started one after the other cannot collide on a port the first one still holds in TIME_WAIT.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        return next(1).get(0);
    }

    /** {@code count} distinct free ports; all are held open together while choosing them. */
    public static List<Integer> next(int count) {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket: nothing to do
                }
            }
        }
    }
}
