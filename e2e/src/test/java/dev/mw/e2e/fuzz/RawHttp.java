package dev.mw.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes as they are over a fresh connection and reads the status line: the only way to
 * send the malformed request lines, encodings and headers an HTTP client library would refuse.
 */
final class RawHttp {

    /** The status, or -1 when the server closed without a status line (a legitimate answer to garbage). */
    record Outcome(int status, long nanos) {
    }

    private RawHttp() {
    }

    static Outcome send(int port, byte[] request, int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may refuse an oversized request before it has all of it
            }
            return new Outcome(readStatus(socket.getInputStream()), System.nanoTime() - start);
        } catch (SocketTimeoutException e) {
            return new Outcome(0, System.nanoTime() - start);
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n' && line.size() < 200) {
                line.write(b);
            }
        } catch (IOException reset) {
            // a reset after an answer is fine; no answer at all counts as closed
        }
        String status = line.toString(StandardCharsets.ISO_8859_1);
        if (!status.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(status.substring(9, 12));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
