package org.linli.channels.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.exception.ApiConnectionException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SDK's HTTP client interface sending every REST call to another base URL (scheme, host and
 * port; the path stays Twilio's, {@code /2010-04-01/Accounts/…/Messages.json}): a recording stub
 * in tests and drills, or an egress proxy. Requests are otherwise exactly what the SDK built.
 */
public final class TwilioApiHttpClient extends HttpClient {

  private final URI base;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public TwilioApiHttpClient(String baseUrl) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
  }

  @Override
  public Response makeRequest(Request request) {
    URL original = request.constructURL();
    String file = original.getFile();
    URI target = URI.create(base + file);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Type") || h.getKey().equalsIgnoreCase("Accept")) {
        continue;
      }
      for (String v : h.getValue()) {
        builder.header(h.getKey(), v);
      }
    }
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      builder
          .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
          .method(method.toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
    } else {
      builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.body(), response.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("cannot reach " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted", e);
    }
  }
}
