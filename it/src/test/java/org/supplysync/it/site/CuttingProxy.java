package org.supplysync.it.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the server that, when armed, drops the connection in the middle of the answer to the
 * n-th request whose request line starts with a given text: after the response headers and a few body bytes.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final URI target;
    private volatile String requestStart;
    private volatile int cutOn;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);

    CuttingProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Cuts the answer to the n-th (1-based) request starting with {@code requestStart}, e.g. "GET /sync/v5/queued_records". */
    void cut(String requestStart, int n) {
        this.seen.set(0);
        this.cutOn = n;
        this.requestStart = requestStart;
    }

    void disarm() {
        this.requestStart = null;
    }

    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (open.get()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                Connection connection = new Connection(client, server);
                start(connection::clientToServer);
                start(connection::serverToClient);
            } catch (IOException e) {
                if (!open.get()) {
                    return;
                }
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private final class Connection {
        final Socket client;
        final Socket server;
        /** -1: not armed; otherwise the response to this request is to be cut. */
        volatile boolean armed;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void clientToServer() {
            byte[] buffer = new byte[16384];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String start = requestStart;
                    if (start != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).startsWith(start)
                            && seen.incrementAndGet() == cutOn) {
                        armed = true;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                closeBoth();
            }
        }

        void serverToClient() {
            byte[] buffer = new byte[16384];
            int headerMatch = 0;
            int bodyLeft = -1;
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (!armed) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    // Forward the headers and 60 bytes of body, then drop the connection.
                    for (int i = 0; i < n; i++) {
                        out.write(buffer[i]);
                        if (bodyLeft < 0) {
                            byte b = buffer[i];
                            headerMatch = (b == (headerMatch % 2 == 0 ? '\r' : '\n')) ? headerMatch + 1 : (b == '\r' ? 1 : 0);
                            if (headerMatch == 4) {
                                bodyLeft = 60;
                            }
                        } else if (--bodyLeft <= 0) {
                            out.flush();
                            cuts.incrementAndGet();
                            armed = false;
                            requestStart = null;
                            closeBoth();
                            return;
                        }
                    }
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                closeBoth();
            }
        }

        void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        open.set(false);
        listener.close();
    }
}
