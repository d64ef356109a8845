package org.linli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each simulated resident talks to the node over one kept-alive HTTP/1.1 connection of its own
 * ({@link Http1Connection}): answers framed by length or in chunks arrive whole, the connection is
 * reused, a server's close (announced, or silent while the connection was idle) costs a new
 * connection and not an error, and a server that never answers is an error after the read
 * timeout, not a hang. A raw socket server plays the node, so every byte on the wire is the test's.
 */
@Timeout(30)
class ResidentConnectionTest {

  private RawServer server;
  private Http1Connection connection;

  @AfterEach
  void stop() throws IOException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRequestGoesOutWithItsHeadersAndUtf8BodyAndALengthFramedAnswerComesBackWhole() throws Exception {
    server = new RawServer((request, out, socket) -> out.write(answer("", "{\"reply\":\"您好\"}")));
    connection = connect(Duration.ofSeconds(5));

    Http1Connection.Response r =
        connection.post("/channels/twilio/sms?x=1", "text/plain; charset=UTF-8", "停水了吗", "X-Twilio-Signature", "abc=");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"reply\":\"您好\"}");
    RawServer.Request received = server.requests.getFirst();
    assertThat(received.head())
        .startsWith("POST /channels/twilio/sms?x=1 HTTP/1.1\r\n")
        .contains("\r\nHost: localhost:" + server.port() + "\r\n")
        .contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n")
        .contains("\r\nContent-Length: 12\r\n") // four Chinese characters, three bytes each
        .contains("\r\nX-Twilio-Signature: abc=\r\n");
    assertThat(received.body()).isEqualTo("停水了吗");
  }

  @Test
  void aChunkedAnswerIsJoinedBeforeDecodingSoACharacterSplitBetweenChunksSurvives() throws Exception {
    byte[] text = "{\"status\":\"您好\"}".getBytes(StandardCharsets.UTF_8);
    int inside = "{\"status\":\"".length() + 1; // one byte into 您, whose UTF-8 form has three
    server = new RawServer((request, out, socket) -> {
      out.write(ascii("HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
      chunk(out, text, 0, inside, ";ext=1");
      chunk(out, text, inside, inside + 4, ""); // the rest of 您 and two bytes of 好
      chunk(out, text, inside + 4, text.length, "");
      out.write(ascii("0\r\nX-Trailer: ignored\r\n\r\n"));
    });
    connection = connect(Duration.ofSeconds(5));

    Http1Connection.Response r = connection.get("/actuator/health/liveness");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"您好\"}");
    assertThat(connection.get("/actuator/health/liveness").body()).as("the next answer on the same connection")
        .isEqualTo("{\"status\":\"您好\"}");
    assertThat(server.connections).hasValue(1);
  }

  @Test
  void aKeptAliveConnectionCarriesTheNextRequest() throws Exception {
    server = new RawServer((request, out, socket) -> out.write(answer("", request.body())));
    connection = connect(Duration.ofSeconds(5));

    assertEchoed("one");
    assertEchoed("two");

    assertThat(server.connections).hasValue(1);
    assertThat(server.requests).extracting(RawServer.Request::connection).containsExactly(1, 1);
    assertThat(connection.connects).isEqualTo(1);
  }

  @Test
  void afterTheServerSaysConnectionCloseTheNextRequestGoesOnANewConnection() throws Exception {
    // Tomcat does this on the last request it allows on one connection (100 by default)
    server = new RawServer(echoThenClose("Connection: close\r\n"));
    connection = connect(Duration.ofSeconds(5));

    assertEchoed("one");
    assertEchoed("two");

    assertThat(server.requests).extracting(RawServer.Request::connection).containsExactly(1, 2);
    assertThat(connection.connects).isEqualTo(2);
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedOnceWithoutAnError() throws Exception {
    // closes without a word, as a server does when its keep-alive timeout expires
    server = new RawServer(echoThenClose(""));
    connection = connect(Duration.ofSeconds(5));

    assertEchoed("one");
    await().untilAsserted(() -> assertThat(server.closed).hasValue(1));
    assertEchoed("two");

    assertThat(server.requests).extracting(RawServer.Request::connection).containsExactly(1, 2);
    assertThat(connection.connects).isEqualTo(2);
  }

  @Test
  void aNewConnectionClosedWithoutAnAnswerIsAnErrorAndNotSentAgain() throws Exception {
    server = new RawServer((request, out, socket) -> socket.close());
    connection = connect(Duration.ofSeconds(5));

    assertThatThrownBy(() -> connection.post("/api/chat/messages", "application/json", "one"))
        .isInstanceOf(IOException.class);

    assertThat(server.requests).hasSize(1);
    assertThat(connection.connects).isEqualTo(1);
  }

  @Test
  void aServerThatNeverAnswersIsAnErrorAfterTheReadTimeout() throws Exception {
    server = new RawServer((request, out, socket) -> {
      // read, and say nothing
    });
    connection = connect(Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(() -> connection.post("/api/chat/messages", "application/json", "hello"))
        .isInstanceOf(SocketTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(server.requests).as("sent once, not again after the timeout").hasSize(1);
  }

  /** Sends {@code body} and checks that the answer is the same text (the echo servers above). */
  private void assertEchoed(String body) throws IOException {
    assertThat(connection.post("/api/chat/messages", "application/json", body).body()).isEqualTo(body);
  }

  private Http1Connection connect(Duration readTimeout) {
    return new Http1Connection(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "localhost:" + server.port(),
        Duration.ofSeconds(5), readTimeout);
  }

  /** Answers each request with its own body and {@code headers}, then closes the connection. */
  private static RawServer.Script echoThenClose(String headers) {
    return (request, out, socket) -> {
      out.write(answer(headers, request.body()));
      out.flush();
      socket.close();
    };
  }

  /** A 200 answer of {@code body} with its Content-Length, after {@code headers} (whole lines). */
  private static byte[] answer(String headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(ascii("HTTP/1.1 200 \r\nContent-Type: application/json\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n"));
    b.writeBytes(bytes);
    return b.toByteArray();
  }

  private static void chunk(OutputStream out, byte[] bytes, int from, int to, String extension) throws IOException {
    out.write(ascii(Integer.toHexString(to - from).toUpperCase(Locale.ROOT) + extension + "\r\n"));
    out.write(bytes, from, to - from);
    out.write(ascii("\r\n"));
    out.flush();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads each request on each connection and lets the test write the answer, byte for byte. */
  private static final class RawServer implements AutoCloseable {

    interface Script {
      void answer(Request request, OutputStream out, Socket socket) throws IOException;
    }

    /** A request as received; {@code connection} counts from 1 in the order they were accepted. */
    record Request(int connection, String head, String body) {}

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final ServerSocket listener;
    private final Script script;

    RawServer(Script script) throws IOException {
      this.script = script;
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (!listener.isClosed()) {
          try {
            Socket socket = listener.accept();
            sockets.add(socket);
            int n = connections.incrementAndGet();
            Thread.ofVirtual().start(() -> serve(socket, n));
          } catch (IOException e) {
            return; // closed
          }
        }
      });
    }

    int port() {
      return listener.getLocalPort();
    }

    private void serve(Socket socket, int connection) {
      try (socket) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
          }
          String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
          requests.add(new Request(connection, head, body));
          script.answer(requests.getLast(), out, socket);
          if (socket.isClosed()) {
            closed.incrementAndGet();
            return;
          }
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    /** The request line and headers up to the empty line, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == 4) {
          return head.toString(StandardCharsets.ISO_8859_1);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      listener.close();
      synchronized (sockets) {
        for (Socket s : sockets) {
          s.close();
        }
      }
    }
  }
}
