package io.tiersim.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven over the DevTools protocol (a WebSocket from the JDK's HTTP
 * client, no driver library): it opens a page, records every console error, uncaught exception,
 * failed load and network request, evaluates an expression, and takes a full-page screenshot.
 * Started with a dead proxy, so that a page that needed the network would show it as errors.
 */
final class HeadlessChrome implements AutoCloseable {
  static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  /** The browser to use: {@code TIERSIM_BROWSER}, else the first installed candidate, else null. */
  static Path find() {
    String env = System.getenv("TIERSIM_BROWSER");
    if (env != null && !env.isBlank()) {
      return Files.isExecutable(Path.of(env)) ? Path.of(env) : null;
    }
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  HeadlessChrome(Path browser, Path profile) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--proxy-server=127.0.0.1:9", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=1100,900", "about:blank"));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chrome.log").toFile()).start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chrome.log")));
      }
      Thread.sleep(50);
    }
    List<String> lines = Files.readAllLines(portFile);
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).get(30, TimeUnit.SECONDS);
    String target = send("Target.createTarget", Map.of("url", "about:blank"), false).get("targetId").asText();
    session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), false).get("sessionId").asText();
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      send(domain + ".enable", Map.of(), true);
    }
  }

  /** Opens a URL and waits for its load event. */
  void open(String url) throws Exception {
    int before = events.size();
    send("Page.navigate", Map.of("url", url), true);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (events.subList(before, events.size()).stream().noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page did not load: " + url);
      }
      Thread.sleep(20);
    }
    Thread.sleep(300); // late errors
  }

  /** The value of a JavaScript expression, JSON-serialisable. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true), true);
    return r.path("result").path("value");
  }

  /** A PNG of the whole page. */
  byte[] screenshot() throws Exception {
    JsonNode size = send("Page.getLayoutMetrics", Map.of(), true).path("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
        "height", size.path("height").asDouble(), "scale", 1);
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip), true);
    return Base64.getDecoder().decode(shot.get("data").asText());
  }

  /** Console errors, uncaught exceptions and error log entries (failed loads, CSP violations). */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode p = e.path("params");
      switch (e.path("method").asText()) {
        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails").path("text").asText());
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert")) {
            out.add("console." + type + ": " + p.path("args").toString());
          }
        }
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }
    return out;
  }

  /** URLs the page asked for that are not the page itself, data: or about:. */
  List<String> networkRequests(String pageUrl) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      if ("Network.requestWillBeSent".equals(e.path("method").asText())) {
        String url = e.path("params").path("request").path("url").asText();
        if (!url.equals(pageUrl) && !url.startsWith("data:") && !url.startsWith("about:")) {
          out.add(url);
        }
      }
    }
    return out;
  }

  private JsonNode send(String method, Map<String, Object> params, boolean inSession) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (inSession) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  @Override
  public void close() throws Exception {
    try {
      send("Browser.close", Map.of(), false);
    } catch (Exception e) {
      // Closing anyway.
    }
    socket.abort();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(text.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          } else {
            events.add(m);
          }
        } catch (IOException e) {
          events.add(JSON.createObjectNode().put("method", "unparsed"));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
