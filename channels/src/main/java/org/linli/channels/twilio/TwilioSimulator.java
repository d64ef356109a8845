package org.linli.channels.twilio;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Plays Twilio's part against a running Linli: sends SMS webhooks and walks phone calls by
 * following the TwiML (each {@code <Gather>}'s action with Digits or SpeechResult, {@code <Dial>}'s
 * action with the dial status), every request signed the way Twilio signs it. Staff use it for
 * training (the {@code twilio} shell commands); the tests drive the service with it.
 */
public final class TwilioSimulator {

  /** What the simulated caller does at a {@code <Gather>}. */
  public sealed interface Input {
    /** Keys pressed: 0-9, * or #. */
    record Keys(String digits) implements Input {}

    /** Words said, with the recogniser's confidence (0..1). */
    record Speech(String text, double confidence) implements Input {}

    /** Nothing at all until the gather times out. */
    record Silence() implements Input {}

    /**
     * Parses one script step: keys ({@code 1}, {@code *}, {@code #}), {@code -} for silence,
     * {@code low:words} for words the recogniser is unsure of, anything else as words said.
     */
    static Input parse(String step) {
      String s = step.strip();
      if (s.isEmpty() || s.equals("-")) {
        return new Silence();
      }
      if (s.matches("[0-9*#]+")) {
        return new Keys(s);
      }
      if (s.startsWith("low:")) {
        return new Speech(s.substring(4).strip(), 0.3);
      }
      return new Speech(s, 0.92);
    }
  }

  /**
   * One thing that happened in a call, in order: the caller heard something ({@code SAY}), was
   * asked for input ({@code GATHER}, with the action URL), answered ({@code INPUT}), was put
   * through to a number ({@code DIAL}), or the call ended ({@code HANGUP}).
   */
  public record Event(Kind kind, String text) {
    public enum Kind {
      SAY,
      GATHER,
      INPUT,
      DIAL,
      HANGUP
    }
  }

  /** Asks who plays the caller what to do next; empty means hang up. */
  @FunctionalInterface
  public interface Caller {
    Optional<Input> next(List<String> justHeard);
  }

  /** An answered SMS webhook: the HTTP status and the texts of the {@code <Message>}s. */
  public record SmsResult(int status, List<String> messages, String twiml) {}

  /** A finished call: what happened, and every TwiML document the service returned. */
  public record CallResult(String callSid, List<Event> events, List<String> twiml, int lastStatus) {
    /** Everything the caller heard, in order. */
    public List<String> heard() {
      return events.stream().filter(e -> e.kind() == Event.Kind.SAY).map(Event::text).toList();
    }

    /** All heard text as one string, for searching. */
    public String transcript() {
      return String.join(" ", heard());
    }
  }

  private static final int MAX_STEPS = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI target;
  private final String signedBase;
  private final String authToken;
  private final String serviceNumber;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param targetUrl where the service listens, e.g. {@code http://localhost:8080}
   * @param publicBaseUrl what the service checks signatures against ({@code LINLI_PUBLIC_BASE_URL});
   *     null or empty when it is the same as {@code targetUrl}
   * @param authToken the service's {@code TWILIO_AUTH_TOKEN}
   * @param serviceNumber the number residents text and call (the {@code To} parameter)
   */
  public TwilioSimulator(String targetUrl, String publicBaseUrl, String authToken, String serviceNumber) {
    this.target = URI.create(trimSlash(targetUrl));
    this.signedBase =
        publicBaseUrl == null || publicBaseUrl.isBlank() ? trimSlash(targetUrl) : trimSlash(publicBaseUrl);
    this.authToken = authToken;
    this.serviceNumber = serviceNumber;
  }

  /** Sends one SMS with a fresh MessageSid. */
  public SmsResult sms(String from, String text) {
    return sms(from, text, newSid("SM"));
  }

  /** Sends one SMS with the given MessageSid (a retry when it was used before). */
  public SmsResult sms(String from, String text, String messageSid) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("SmsSid", messageSid);
    form.put("AccountSid", "AC" + "0".repeat(32));
    form.put("From", from);
    form.put("To", serviceNumber);
    form.put("Body", text);
    form.put("NumMedia", "0");
    HttpResponse<String> response = post(TwilioUrls.SMS, form, true);
    List<String> messages = new ArrayList<>();
    if (response.statusCode() == 200) {
      Element root = parse(response.body());
      NodeList list = root.getElementsByTagName("Message");
      for (int i = 0; i < list.getLength(); i++) {
        messages.add(list.item(i).getTextContent());
      }
    }
    return new SmsResult(response.statusCode(), messages, response.body());
  }

  /** Sends an SMS webhook with a given (possibly wrong or missing) signature: for tests. */
  public int smsWithSignature(String from, String text, String signature) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", newSid("SM"));
    form.put("From", from);
    form.put("To", serviceNumber);
    form.put("Body", text);
    return postRaw(TwilioUrls.SMS, form, signature).statusCode();
  }

  /** One raw signed webhook (a Twilio retry of a call step, for instance). */
  public record Raw(int status, String body) {}

  /** POSTs one signed form to a path of the service or an absolute URL it gave, as Twilio would. */
  public Raw postSigned(String pathOrUrl, Map<String, String> form) {
    HttpResponse<String> response = post(pathOrUrl, form, !pathOrUrl.startsWith("http"));
    return new Raw(response.statusCode(), response.body());
  }

  /** Reports a delivery status for an outbound message, as Twilio calls the status callback. */
  public int smsStatus(String callbackUrl, String messageSid, String status, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("MessageStatus", status);
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    return post(callbackUrl, form, false).statusCode();
  }

  /** Walks one call from the first webhook until it hangs up, the caller stops, or 40 steps. */
  public CallResult call(String from, Caller caller) {
    String callSid = newSid("CA");
    List<Event> events = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    Map<String, String> base = new LinkedHashMap<>();
    base.put("CallSid", callSid);
    base.put("AccountSid", "AC" + "0".repeat(32));
    base.put("From", from);
    base.put("To", serviceNumber);
    base.put("Direction", "inbound");
    Map<String, String> form = new LinkedHashMap<>(base);
    form.put("CallStatus", "ringing");
    HttpResponse<String> response = post(TwilioUrls.VOICE, form, true);
    for (int step = 0; step < MAX_STEPS; step++) {
      if (response.statusCode() != 200) {
        return new CallResult(callSid, events, documents, response.statusCode());
      }
      documents.add(response.body());
      Element root = parse(response.body());
      Next next = walk(root, events, caller, base);
      if (next == null) {
        return new CallResult(callSid, events, documents, 200);
      }
      response = post(next.url(), next.form(), false);
    }
    return new CallResult(callSid, events, documents, response.statusCode());
  }

  private record Next(String url, Map<String, String> form) {}

  /** Plays one TwiML document; returns the request Twilio would make next, or null at the end. */
  private Next walk(Element root, List<Event> events, Caller caller, Map<String, String> base) {
    List<String> heard = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      switch (e.getTagName()) {
        case "Say" -> say(e, events, heard);
        case "Gather" -> {
          for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce && ce.getTagName().equals("Say")) {
              say(ce, events, heard);
            }
          }
          String action = e.getAttribute("action");
          events.add(new Event(Event.Kind.GATHER, action));
          Optional<Input> input = caller.next(List.copyOf(heard));
          if (input.isEmpty()) {
            events.add(new Event(Event.Kind.HANGUP, "caller"));
            return null;
          }
          Map<String, String> form = new LinkedHashMap<>(base);
          form.put("CallStatus", "in-progress");
          switch (input.get()) {
            case Input.Keys k -> {
              form.put("Digits", k.digits());
              events.add(new Event(Event.Kind.INPUT, "keys " + k.digits()));
            }
            case Input.Speech s -> {
              form.put("SpeechResult", s.text());
              form.put("Confidence", Double.toString(s.confidence()));
              events.add(new Event(Event.Kind.INPUT, "says " + s.text()));
            }
            case Input.Silence s -> events.add(new Event(Event.Kind.INPUT, "silence"));
          }
          return new Next(action, form);
        }
        case "Dial" -> {
          String number = e.getElementsByTagName("Number").getLength() > 0
              ? e.getElementsByTagName("Number").item(0).getTextContent()
              : e.getTextContent();
          events.add(new Event(Event.Kind.DIAL, number.strip()));
          String action = e.getAttribute("action");
          if (action.isEmpty()) {
            return null;
          }
          Map<String, String> form = new LinkedHashMap<>(base);
          form.put("CallStatus", "in-progress");
          form.put("DialCallStatus", "no-answer");
          return new Next(action, form);
        }
        case "Hangup" -> {
          events.add(new Event(Event.Kind.HANGUP, "service"));
          return null;
        }
        case "Redirect" -> {
          return new Next(e.getTextContent().strip(), new LinkedHashMap<>(base));
        }
        default -> {}
      }
    }
    events.add(new Event(Event.Kind.HANGUP, "end of instructions"));
    return null;
  }

  private static void say(Element say, List<Event> events, List<String> heard) {
    NodeList sentences = say.getElementsByTagName("s");
    if (sentences.getLength() == 0) {
      String t = say.getTextContent().strip();
      events.add(new Event(Event.Kind.SAY, t));
      heard.add(t);
      return;
    }
    for (int i = 0; i < sentences.getLength(); i++) {
      String t = sentences.item(i).getTextContent().strip();
      events.add(new Event(Event.Kind.SAY, t));
      heard.add(t);
    }
  }

  /** POSTs a signed form to a path of the service, or to an absolute URL the service gave. */
  private HttpResponse<String> post(String pathOrUrl, Map<String, String> form, boolean isPath) {
    String signedUrl = isPath || !pathOrUrl.startsWith("http") ? signedBase + pathOrUrl : pathOrUrl;
    return postRaw(pathOrUrl, form, TwilioSignatures.sign(authToken, signedUrl, form));
  }

  private HttpResponse<String> postRaw(String pathOrUrl, Map<String, String> form, String signature) {
    URI uri = requestUri(pathOrUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("User-Agent", "TwilioProxy/1.1 (Linli simulator)")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (signature != null) {
      request.header(TwilioSignatures.HEADER, signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The service may answer with action URLs on its public base URL (behind a proxy); the simulator
   * sends them to the target instead, keeping path and query.
   */
  private URI requestUri(String pathOrUrl) {
    if (!pathOrUrl.startsWith("http")) {
      return URI.create(target + pathOrUrl);
    }
    URI given = URI.create(pathOrUrl);
    String rest = given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery());
    return URI.create(target + rest);
  }

  private static String encode(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static Element parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      Document d = b.parse(new InputSource(new StringReader(xml)));
      return d.getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("the service did not answer with TwiML: " + e.getMessage(), e);
    }
  }

  private static String newSid(String prefix) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
