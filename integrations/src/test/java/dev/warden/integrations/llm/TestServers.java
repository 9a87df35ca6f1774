package dev.warden.integrations.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.core.llm.LlmProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Servers WireMock cannot play (one that never accepts, one that dies mid-body), and a warm-up. */
final class TestServers {
  private TestServers() {}

  /**
   * Makes one successful streamed call, so that timing assertions do not measure the JVM's first
   * use of the SDKs (building the first model and the first call take seconds when cold).
   */
  static void warmUp(
      Function<Integer, LlmProvider> provider,
      String path,
      String contentType,
      String body,
      String model) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    try {
      server.stubFor(
          post(urlEqualTo(path))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", contentType)
                      .withBody(body)));
      Streamed warm =
          Streamed.call(
              provider.apply(server.port()), Duration.ofSeconds(5), model, Duration.ofSeconds(30));
      if (warm.error() != null) {
        throw new IllegalStateException("warm-up failed", warm.error());
      }
    } finally {
      server.stop();
    }
  }

  /** A local port nothing listens on: connecting is refused at once. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * A listening socket whose accept queue is full, so the kernel drops further SYNs and a connect
   * hangs until the client's connect timeout: a server that is there but does not answer.
   */
  static final class Unaccepting implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    Unaccepting() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 16; i++) {
        Socket filler = new Socket();
        try {
          filler.connect(
              new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
          fillers.add(filler);
        } catch (SocketTimeoutException full) {
          filler.close();
          return;
        }
      }
      throw new IllegalStateException("the accept queue never filled");
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket filler : fillers) {
        filler.close();
      }
      server.close();
    }
  }

  /**
   * Answers every request with 200, a chunked body made of the given pieces, and then, instead of
   * the last chunk, a TCP reset: a connection that breaks in the middle of a stream.
   */
  static final class ResetMidBody implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;

    ResetMidBody(String contentType, List<String> pieces) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    requests.incrementAndGet();
                    readRequest(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(
                        ("HTTP/1.1 200 OK\r\nContent-Type: "
                                + contentType
                                + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (String piece : pieces) {
                      byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                      out.write(
                          (Integer.toHexString(bytes.length) + "\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
                      out.write(bytes);
                      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                      out.flush();
                      Thread.sleep(20);
                    }
                    socket.setSoLinger(true, 0); // close with RST, not FIN
                  } catch (IOException | InterruptedException stopped) {
                    // closed
                  }
                }
              },
              "reset-mid-body");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }

    private static void readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      in.readNBytes(length);
    }
  }
}
