package org.linli.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.linli.channels.ChannelMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over the configured size with 413 and a problem detail, before anything
 * reads them whole: a declared {@code Content-Length} is checked without reading; a body without
 * one (chunked) is read only up to the limit, and the request goes on with that buffered copy.
 * Runs first, before security, so an anonymous flood of large bodies costs no more than the limit.
 *
 * <p>Form posts ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}) sent
 * chunked are left to the servlet container, whose form size limit is set to the same value
 * ({@code server.tomcat.max-http-form-post-size}): reading them here would hide them from its
 * parameter parsing.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(BodySizeLimitFilter.class);

  private final HttpLimitsProperties limits;

  BodySizeLimitFilter(HttpLimitsProperties limits) {
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    long limit = limits.limitFor(path);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      reject(request, response, path, limit);
      return;
    }
    if (declared < 0 && hasBody(request) && !isForm(request)) {
      byte[] body = readAtMost(request.getInputStream(), limit);
      if (body == null) {
        reject(request, response, path, limit);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
        || t.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
  }

  /** The body, or null when it is longer than {@code limit} (then at most limit+1 bytes were read). */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void reject(
      HttpServletRequest request, HttpServletResponse response, String path, long limit)
      throws IOException {
    log.info("event=request_body_too_large path={} limit_bytes={}", path, limit);
    String detail = ChannelMessages.get(request.getLocale(), "error.body.tooLarge", limit / 1024);
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    // the client may still be sending: do not keep the connection for the rest of its body
    response.setHeader("Connection", "close");
    response.getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"" + jsonEscape(detail) + "\",\"code\":\"error.body.tooLarge\","
                + "\"instance\":\"" + jsonEscape(path) + "\"}");
  }

  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** The request with its (already size-checked) body held in memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already buffered");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}
