package org.linli.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One resident's HTTP/1.1 connection: a blocking socket kept alive between requests, for one
 * thread. The load generator used {@code java.net.http.HttpClient}, whose asynchronous
 * machinery (futures, schedulers, its selector thread, the pool's expiry list) cost it more CPU per
 * request than a simple node endpoint costs the node, on the same cores; a thread blocking on a
 * socket costs little. Only what the generator needs: requests with a UTF-8 body, responses
 * framed by {@code Content-Length}, {@code chunked} or the end of the connection.
 *
 * <p>A connection kept alive may have been closed by the server while idle (Tomcat closes idle
 * connections after its keep-alive timeout): when a reused connection fails before the first byte
 * of the answer, the request is sent once more on a new connection. Anything else is an {@link
 * IOException} for the caller to count, and the connection is closed so that the next request
 * starts clean.
 */
final class Http1Connection implements Closeable {

  /** A response, its body decoded as UTF-8. */
  record Response(int status, String body) {}

  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final InetSocketAddress address;
  private final String hostHeader;
  private final int connectMillis;
  private final int readMillis;

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  /** Connections opened, for tests. */
  int connects;

  /** A status line or header line, without its CRLF. */
  private byte[] line = new byte[256];
  private int lineLength;
  /** A chunked body as it arrives; decoded only at the end, as a character may span chunks. */
  private byte[] chunks = new byte[1024];

  /**
   * @param hostHeader the {@code Host} header's value, e.g. {@code localhost:8080}
   * @param readTimeout the longest wait for any read of the answer
   */
  Http1Connection(InetSocketAddress address, String hostHeader, Duration connectTimeout, Duration readTimeout) {
    this.address = address;
    this.hostHeader = hostHeader;
    this.connectMillis = Math.toIntExact(connectTimeout.toMillis());
    this.readMillis = Math.toIntExact(readTimeout.toMillis());
  }

  /**
   * @param target the path and query, e.g. {@code /channels/wechat?signature=...}
   * @param headers more headers, as name, value, name, value...
   */
  Response post(String target, String contentType, String body, String... headers) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = head("POST", target);
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(content.length).append("\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    return exchange(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), content);
  }

  Response get(String target) throws IOException {
    return exchange(head("GET", target).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), null);
  }

  private StringBuilder head(String method, String target) {
    return new StringBuilder(256)
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
  }

  private Response exchange(byte[] head, byte[] body) throws IOException {
    try {
      boolean reused = socket != null;
      if (!reused) {
        connect();
      }
      if (!sendAndAwait(head, body, reused)) {
        // a kept-alive connection the server had closed while idle: once more on a new one
        close();
        connect();
        sendAndAwait(head, body, false);
      }
      return answer();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Sends the request and reads the answer's status line into {@link #line}; false when a reused
   * connection turns out to be closed before the answer's first byte.
   */
  private boolean sendAndAwait(byte[] head, byte[] body, boolean reused) throws IOException {
    int first;
    try {
      out.write(head);
      if (body != null) {
        out.write(body);
      }
      out.flush();
      first = in.read();
    } catch (SocketException e) {
      // reset or broken pipe: on a reused connection, the idle close seen from the other side
      if (reused) {
        return false;
      }
      throw e;
    }
    if (first < 0) {
      if (reused) {
        return false;
      }
      throw new EOFException("the server closed the connection without answering");
    }
    readLine(first);
    return true;
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(address, connectMillis);
      s.setSoTimeout(readMillis);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 8192);
    out = new BufferedOutputStream(s.getOutputStream(), 8192);
    connects++;
  }

  /** Reads the rest of the answer once its status line is in {@link #line}. */
  private Response answer() throws IOException {
    int status;
    boolean keepAlive;
    while (true) {
      if (lineLength < 12 || !startsWith(line, 0, "HTTP/1.") || line[8] != ' ') {
        throw new ProtocolException("not an HTTP/1.x status line");
      }
      status = digit(9) * 100 + digit(10) * 10 + digit(11);
      keepAlive = line[7] != '0'; // HTTP/1.0 closes unless it says keep-alive
      if (status >= 200 || status < 100) {
        break;
      }
      // 1xx: its headers, then the real answer
      while (readHeaderLine()) {
        // skipped
      }
      if (!readLine()) {
        throw new EOFException("the server closed the connection after an interim answer");
      }
    }
    long length = -1;
    boolean chunked = false;
    while (readHeaderLine()) {
      if (isHeader(CONTENT_LENGTH)) {
        length = contentLength();
      } else if (isHeader(TRANSFER_ENCODING)) {
        chunked = valueContains(TRANSFER_ENCODING.length + 1, CHUNKED);
      } else if (isHeader(CONNECTION)) {
        if (valueContains(CONNECTION.length + 1, CLOSE)) {
          keepAlive = false;
        } else if (valueContains(CONNECTION.length + 1, KEEP_ALIVE)) {
          keepAlive = true;
        }
      }
    }
    String body;
    if (chunked) {
      body = chunkedBody();
    } else if (length >= 0) {
      if (length > MAX_BODY) {
        throw new ProtocolException("answer longer than " + MAX_BODY + " bytes");
      }
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length < length) {
        throw new EOFException("the connection closed in the middle of the answer");
      }
      body = new String(bytes, StandardCharsets.UTF_8);
    } else if (status == 204 || status == 304) {
      body = "";
    } else {
      // no length: the body runs to the end of the connection
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      keepAlive = false;
    }
    if (!keepAlive) {
      close();
    }
    return new Response(status, body);
  }

  private String chunkedBody() throws IOException {
    int size = 0;
    while (true) {
      if (!readLine()) {
        throw new EOFException("the connection closed in the middle of a chunked answer");
      }
      int chunk = chunkSize();
      if (chunk == 0) {
        break;
      }
      if (size + chunk > MAX_BODY) {
        throw new ProtocolException("answer longer than " + MAX_BODY + " bytes");
      }
      if (size + chunk > chunks.length) {
        chunks = Arrays.copyOf(chunks, Math.max(chunks.length * 2, size + chunk));
      }
      if (in.readNBytes(chunks, size, chunk) < chunk) {
        throw new EOFException("the connection closed in the middle of a chunk");
      }
      size += chunk;
      if (!readLine() || lineLength != 0) {
        throw new ProtocolException("a chunk not followed by CRLF");
      }
    }
    while (readHeaderLine()) {
      // trailers: none expected, none used
    }
    return new String(chunks, 0, size, StandardCharsets.UTF_8);
  }

  /** The chunk-size of the line just read (hexadecimal, before any chunk extension). */
  private int chunkSize() throws ProtocolException {
    long size = 0;
    int i = 0;
    for (; i < lineLength; i++) {
      int d = Character.digit(line[i], 16);
      if (d < 0) {
        break;
      }
      size = size * 16 + d;
      if (size > Integer.MAX_VALUE / 2) {
        throw new ProtocolException("chunk too long");
      }
    }
    if (i == 0 || (i < lineLength && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
      throw new ProtocolException("not a chunk size: " + new String(line, 0, lineLength, StandardCharsets.ISO_8859_1));
    }
    return (int) size;
  }

  /** A header line; false at the empty line that ends the headers. */
  private boolean readHeaderLine() throws IOException {
    if (!readLine()) {
      throw new EOFException("the connection closed in the middle of the headers");
    }
    return lineLength > 0;
  }

  /**
   * Reads one line into {@link #line} (without its CRLF or LF); false when the connection is at
   * its end before the line's first byte.
   */
  private boolean readLine() throws IOException {
    int b = in.read();
    if (b < 0) {
      return false;
    }
    readLine(b);
    return true;
  }

  /** Reads the rest of a line whose first byte was {@code b}. */
  private void readLine(int b) throws IOException {
    lineLength = 0;
    while (b != '\n') {
      if (b < 0) {
        throw new EOFException("the connection closed in the middle of a line");
      }
      if (lineLength == line.length) {
        if (line.length >= MAX_LINE) {
          throw new ProtocolException("a header line longer than " + MAX_LINE + " bytes");
        }
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[lineLength++] = (byte) b;
      b = in.read();
    }
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
  }

  private int digit(int at) throws ProtocolException {
    int d = line[at] - '0';
    if (d < 0 || d > 9) {
      throw new ProtocolException("not a status code");
    }
    return d;
  }

  /** Whether the line is the header {@code name} (lower case, ASCII), compared ignoring case. */
  private boolean isHeader(byte[] name) {
    if (lineLength <= name.length || line[name.length] != ':') {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if ((line[i] | 0x20) != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the header value from {@code from} contains {@code token} (lower case), ignoring case. */
  private boolean valueContains(int from, byte[] token) {
    outer:
    for (int i = from; i + token.length <= lineLength; i++) {
      for (int j = 0; j < token.length; j++) {
        if ((line[i + j] | 0x20) != token[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private long contentLength() throws ProtocolException {
    long n = 0;
    int digits = 0;
    for (int i = CONTENT_LENGTH.length + 1; i < lineLength; i++) {
      byte c = line[i];
      if (c >= '0' && c <= '9') {
        n = n * 10 + (c - '0');
        if (++digits > 18) {
          throw new ProtocolException("Content-Length too large");
        }
      } else if (c != ' ' && c != '\t') {
        throw new ProtocolException("not a Content-Length");
      }
    }
    if (digits == 0) {
      throw new ProtocolException("an empty Content-Length");
    }
    return n;
  }

  private static boolean startsWith(byte[] bytes, int from, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Closes the socket, if open; the next request opens a new one. */
  @Override
  public void close() {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do: the connection is gone either way
    } finally {
      socket = null;
      in = null;
      out = null;
    }
  }
}
