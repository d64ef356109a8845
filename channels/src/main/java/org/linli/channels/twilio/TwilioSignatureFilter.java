package org.linli.channels.twilio;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to {@code /channels/twilio/**} through only with a valid {@code
 * X-Twilio-Signature}; anything else gets 403 before a controller sees it, so nothing is stored or
 * answered.
 *
 * <p>The signed URL is the one Twilio called: the configured public base URL (behind a proxy the
 * request's own host and scheme are the proxy's, not Twilio's) plus the path and query string as
 * received. Only form parameters are signed; the servlet parameter map also holds the query
 * parameters, so those are taken out again, and a request naming one key in both is refused.
 */
final class TwilioSignatureFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);

  private final TwilioProperties properties;

  TwilioSignatureFilter(TwilioProperties properties) {
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String url = signedUrl(request);
    Set<String> queryKeys = queryKeys(request.getQueryString());
    Map<String, String> form = new LinkedHashMap<>();
    boolean ambiguous = false;
    for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
      if (e.getValue().length > 1) {
        // repeated, or named both in the query string and in the form: not what Twilio sends
        ambiguous = true;
      } else if (!queryKeys.contains(e.getKey())) {
        form.put(e.getKey(), e.getValue()[0]);
      }
    }
    String signature = request.getHeader(TwilioSignatures.HEADER);
    if (ambiguous
        || !"POST".equals(request.getMethod())
        || !TwilioSignatures.valid(properties.authToken(), url, form, signature)) {
      log.warn(
          "event=twilio_signature_rejected path={} signature={}",
          request.getRequestURI(),
          signature == null || signature.isBlank() ? "missing" : "invalid");
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }

  private String signedUrl(HttpServletRequest request) {
    String base = TwilioUrls.base(properties, request);
    String query = request.getQueryString();
    return base + request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  private static Set<String> queryKeys(String query) {
    Set<String> keys = new HashSet<>();
    if (query == null || query.isEmpty()) {
      return keys;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      keys.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
    }
    return keys;
  }
}
