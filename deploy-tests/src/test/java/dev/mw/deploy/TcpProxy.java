package dev.mw.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ClusterIP Service port, played on loopback: listens on the Service's address and port and
 * forwards each connection to the next backend (a pod address and target port), round-robin.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final Thread acceptor;

    TcpProxy(String ip, int port, List<InetSocketAddress> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
        this.acceptor = daemon("proxy-" + ip + ":" + port, this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                InetSocketAddress target = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 2000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                AtomicInteger open = new AtomicInteger(2);
                pipe(client, upstream, open);
                pipe(upstream, client, open);
            } catch (IOException e) {
                // closed or a client gone: the next accept decides
            }
        }
    }

    /** Copies one direction; the second of the two pipes to finish closes both sockets. */
    private static void pipe(Socket from, Socket to, AtomicInteger open) {
        daemon("pipe", () -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // one side went away
            } finally {
                if (open.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
