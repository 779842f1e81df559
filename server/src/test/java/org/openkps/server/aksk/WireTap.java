package org.openkps.server.aksk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of the server under test that keeps a copy of every byte the
 * client sends: it shows how a request really went over the wire (chunked or not, which headers)
 * while the server still answers it. Only ever listens on and connects to 127.0.0.1.
 */
final class WireTap implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wire-tap");
        t.setDaemon(true);
        return t;
    });

    WireTap(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything the clients sent so far, as text (header bytes are ASCII; bodies here are JSON). */
    String sentText() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                threads.submit(() -> relay(client.getInputStream(), upstream, true));
                threads.submit(() -> relay(upstream.getInputStream(), client, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private Void relay(InputStream from, Socket to, boolean record) {
        byte[] buffer = new byte[8192];
        try {
            OutputStream out = to.getOutputStream();
            for (int n; (n = from.read(buffer)) >= 0; ) {
                if (record) {
                    synchronized (sent) {
                        sent.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException closed) {
            // one side went away: nothing more to relay
        }
        return null;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
