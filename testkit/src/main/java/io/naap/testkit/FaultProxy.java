package io.naap.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad provider in front of a real node: a local HTTP/1.1 proxy that forwards JSON-RPC requests to
 * the node and, by a scripted then seeded schedule, answers some of them the way real providers
 * fail: HTTP 429, a JSON-RPC rate-limit error, HTTP 503, no answer at all (the client times out), a
 * truncated body, an HTML page, a reset connection. {@code eth_getLogs} requests wider than {@code
 * maxBlocks} blocks, or whose answer holds more than {@code maxLogs} logs (counted by forwarding
 * them), are refused in Alchemy's or Infura's words in turn, with the range they would accept.
 * Every injection is counted, so a test can hold the client's counts against them. Faults may be
 * kept to some JSON-RPC methods (e.g. {@code eth_getLogs}), so that other clients of the same node,
 * or a client's start-up calls, do not consume them. {@code eth_getLogs} by block hash (EIP-234) is
 * forwarded without range rules.
 *
 * <p>A plain server socket rather than an HTTP server library: it must be able to stay silent,
 * truncate and reset at will. Used by the indexer's JSON-RPC source tests and by the app's
 * end-to-end RPC fault test.
 */
public final class FaultProxy implements AutoCloseable {
  /**
   * How a JSON-RPC client should classify a failure: the names of the indexer's {@code
   * io.naap.indexer.rpc.RpcErrorKind} (testkit depends on no naap module but {@code embedded}), as
   * {@code /v1/indexer/status} reports them.
   */
  public enum Kind {
    RANGE_LIMIT,
    RATE_LIMITED,
    TIMEOUT,
    HTTP_ERROR,
    MALFORMED_RESPONSE,
    CONNECTION
  }

  /** What the proxy does with one request. */
  public enum Fault {
    PASS(null),
    HTTP_429(Kind.RATE_LIMITED),
    RPC_RATE_LIMIT(Kind.RATE_LIMITED),
    HTTP_503(Kind.HTTP_ERROR),
    TIMEOUT(Kind.TIMEOUT),
    TRUNCATED(Kind.MALFORMED_RESPONSE),
    NOT_JSON(Kind.MALFORMED_RESPONSE),
    RESET(Kind.CONNECTION);

    private final Kind kind;

    Fault(Kind kind) {
      this.kind = kind;
    }

    /** The kind a client should count it as; null for a pass. */
    public Kind kind() {
      return kind;
    }
  }

  /** The words a range refusal comes in. */
  public enum RangeFormat {
    /** -32602 "Log response size exceeded. ... this block range should work: [0x.., 0x..]" */
    ALCHEMY,
    /** -32005 "query returned more than N results", data {"from": .., "to": ..} */
    INFURA_DATA,
    /** -32005 "query returned more than N results. Try with this block range [0x.., 0x..]." */
    INFURA_MESSAGE,
    /** -32602 "range R exceeds limit of N" */
    INFURA_BLOCK_CAP
  }

  /**
   * @param scripted the faults for the first requests, in order ({@link Fault#PASS} between them)
   * @param faultRate after the script, the share of requests that get a fault from {@code random}
   * @param random the faults drawn after the script
   * @param seed seeds the draws of faults and refusal formats
   * @param maxBlocks wider {@code eth_getLogs} ranges are refused
   * @param maxLogs {@code eth_getLogs} answers with more logs are refused
   * @param hold how long a {@link Fault#TIMEOUT} keeps silent at most (until the client leaves)
   * @param methods the JSON-RPC methods that get faults (scripted and drawn); empty: every method.
   *     Requests of other methods pass (range rules included)
   */
  public record Schedule(
      List<Fault> scripted,
      double faultRate,
      List<Fault> random,
      long seed,
      long maxBlocks,
      int maxLogs,
      Duration hold,
      Set<String> methods) {
    public Schedule {
      scripted = List.copyOf(scripted);
      random = List.copyOf(random);
      Objects.requireNonNull(hold, "hold");
      methods = Set.copyOf(methods);
    }

    /** Faults for requests of every method. */
    public Schedule(
        List<Fault> scripted,
        double faultRate,
        List<Fault> random,
        long seed,
        long maxBlocks,
        int maxLogs,
        Duration hold) {
      this(scripted, faultRate, random, seed, maxBlocks, maxLogs, hold, Set.of());
    }

    /** Every request fails with one of {@code faults}; no range limits. */
    public static Schedule alwaysFailing(long seed, Fault... faults) {
      return new Schedule(
          List.of(), 1, List.of(faults), seed, Long.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO);
    }

    /** The same schedule with faults only for requests of {@code only}. */
    public Schedule onlyFor(String... only) {
      return new Schedule(
          scripted, faultRate, random, seed, maxBlocks, maxLogs, hold, Set.of(only));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The formats of refusals for width and for logs, taken in turn. */
  private static final List<RangeFormat> BLOCK_FORMATS =
      List.of(RangeFormat.INFURA_BLOCK_CAP, RangeFormat.ALCHEMY);

  private static final List<RangeFormat> LOG_FORMATS =
      List.of(RangeFormat.ALCHEMY, RangeFormat.INFURA_DATA, RangeFormat.INFURA_MESSAGE);

  private final URI upstream;
  private final Schedule schedule;
  private final ServerSocket server;
  private final HttpClient http;
  private final Random random;
  private final ArrayDeque<Fault> script;
  private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
  private final Map<RangeFormat, AtomicLong> refusals = new EnumMap<>(RangeFormat.class);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong blockRefusals = new AtomicLong();
  private final AtomicLong logRefusals = new AtomicLong();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

  private FaultProxy(URI upstream, Schedule schedule, ServerSocket server) {
    this.upstream = upstream;
    this.schedule = schedule;
    this.server = server;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.random = new Random(schedule.seed());
    this.script = new ArrayDeque<>(schedule.scripted());
    for (Fault fault : Fault.values()) {
      faults.put(fault, new AtomicLong());
    }
    for (RangeFormat format : RangeFormat.values()) {
      refusals.put(format, new AtomicLong());
    }
  }

  /** Starts a proxy to {@code upstream} on a free loopback port. */
  public static FaultProxy start(URI upstream, Schedule schedule) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy proxy = new FaultProxy(upstream, schedule, server);
    proxy.threads.add(Thread.ofPlatform().daemon().name("fault-proxy").start(proxy::accept));
    return proxy;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
  }

  /** Requests received. */
  public long requests() {
    return requests.get();
  }

  /** Faults injected, by fault. */
  public Map<Fault, Long> faults() {
    Map<Fault, Long> counts = new EnumMap<>(Fault.class);
    faults.forEach((fault, count) -> counts.put(fault, count.get()));
    return counts;
  }

  /** Range refusals sent, by format. */
  public Map<RangeFormat, Long> refusals() {
    Map<RangeFormat, Long> counts = new EnumMap<>(RangeFormat.class);
    refusals.forEach((format, count) -> counts.put(format, count.get()));
    return counts;
  }

  /** What the client should have counted: injected faults and refusals by kind. */
  public Map<Kind, Long> injected() {
    Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      byKind.put(kind, 0L);
    }
    faults.forEach(
        (fault, count) -> {
          if (fault.kind() != null) {
            byKind.merge(fault.kind(), count.get(), Long::sum);
          }
        });
    byKind.merge(
        Kind.RANGE_LIMIT, refusals.values().stream().mapToLong(AtomicLong::get).sum(), Long::sum);
    return byKind;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
    http.close();
    List<Thread> running;
    synchronized (threads) {
      running = List.copyOf(threads);
    }
    for (Thread thread : running) {
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        threads.add(Thread.ofVirtual().name("fault-proxy-connection").start(() -> serve(socket)));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      byte[] request;
      while ((request = readRequest(in)) != null) {
        requests.incrementAndGet();
        Fault fault = nextFault(request);
        faults.get(fault).incrementAndGet();
        switch (fault) {
          case TIMEOUT -> {
            holdUntilTheClientLeaves(socket, in);
            return;
          }
          case RESET -> {
            socket.setSoLinger(true, 0);
            return;
          }
          case HTTP_429 ->
              write(
                  out,
                  429,
                  "Too Many Requests",
                  "text/plain",
                  bytes("rate limited"),
                  "Retry-After: 1");
          case RPC_RATE_LIMIT ->
              write(
                  out,
                  200,
                  "OK",
                  "application/json",
                  error(request, -32005, "project ID request rate exceeded", null));
          case HTTP_503 ->
              write(
                  out,
                  503,
                  "Service Unavailable",
                  "text/html",
                  bytes("<html><body>503 Service Unavailable</body></html>"));
          case NOT_JSON ->
              write(out, 200, "OK", "text/html", bytes("<html><body>Bad gateway</body></html>"));
          case TRUNCATED -> {
            byte[] body = forward(request);
            write(out, 200, "OK", "application/json", Arrays.copyOf(body, body.length / 2));
          }
          case PASS -> pass(request, out);
        }
      }
    } catch (IOException e) {
      // the client left, or the proxy is closing
    } finally {
      connections.remove(socket);
    }
  }

  private synchronized Fault nextFault(byte[] request) {
    if (!schedule.methods().isEmpty() && !schedule.methods().contains(method(request))) {
      return Fault.PASS;
    }
    if (!script.isEmpty()) {
      return script.poll();
    }
    if (!schedule.random().isEmpty() && random.nextDouble() < schedule.faultRate()) {
      return schedule.random().get(random.nextInt(schedule.random().size()));
    }
    return Fault.PASS;
  }

  /** The request's JSON-RPC method; empty when it is not a JSON-RPC call. */
  private static String method(byte[] request) {
    try {
      return JSON.readTree(request).path("method").asText();
    } catch (IOException e) {
      return "";
    }
  }

  /** Forwards the request; applies the range rules to {@code eth_getLogs} over a block range. */
  private void pass(byte[] request, OutputStream out) throws IOException {
    JsonNode call = JSON.readTree(request);
    JsonNode filter = call.path("params").path(0);
    if (!call.path("method").asText().equals("eth_getLogs") || filter.has("blockHash")) {
      write(out, 200, "OK", "application/json", forward(request));
      return;
    }
    long from = Long.decode(filter.path("fromBlock").asText());
    long to = Long.decode(filter.path("toBlock").asText());
    long blocks = to - from + 1;
    if (blocks > schedule.maxBlocks()) {
      long end = from + schedule.maxBlocks() - 1;
      RangeFormat format =
          BLOCK_FORMATS.get((int) (blockRefusals.getAndIncrement() % BLOCK_FORMATS.size()));
      refuse(out, request, format, from, end, blocks);
      return;
    }
    byte[] body = forward(request);
    JsonNode logs = JSON.readTree(body).path("result");
    if (logs.isArray() && logs.size() > schedule.maxLogs()) {
      // the widest range from the start whose logs stay within the cap
      long firstOver = Long.decode(logs.get(schedule.maxLogs()).path("blockNumber").asText());
      long end = Math.max(from, firstOver - 1);
      RangeFormat format =
          LOG_FORMATS.get((int) (logRefusals.getAndIncrement() % LOG_FORMATS.size()));
      refuse(out, request, format, from, end, blocks);
      return;
    }
    write(out, 200, "OK", "application/json", body);
  }

  private void refuse(
      OutputStream out, byte[] request, RangeFormat format, long from, long end, long blocks)
      throws IOException {
    refusals.get(format).incrementAndGet();
    switch (format) {
      // sent with HTTP 400, as some providers send their JSON-RPC errors
      case ALCHEMY ->
          write(
              out,
              400,
              "Bad Request",
              "application/json",
              error(
                  request,
                  -32602,
                  "Log response size exceeded. You can make eth_getLogs requests with up to a 2K"
                      + " block range and no limit on the response size, or you can request any"
                      + " block range with a cap of 10K logs in the response. Based on your"
                      + " parameters, this block range should work: [0x%x, 0x%x]"
                          .formatted(from, end),
                  null));
      case INFURA_DATA -> {
        ObjectNode data = JSON.createObjectNode();
        data.put("from", "0x" + Long.toHexString(from));
        data.put("to", "0x" + Long.toHexString(end));
        write(
            out,
            200,
            "OK",
            "application/json",
            error(
                request,
                -32005,
                "query returned more than " + schedule.maxLogs() + " results",
                data));
      }
      case INFURA_MESSAGE ->
          write(
              out,
              200,
              "OK",
              "application/json",
              error(
                  request,
                  -32005,
                  "query returned more than %d results. Try with this block range [0x%S, 0x%S]."
                      .formatted(schedule.maxLogs(), Long.toHexString(from), Long.toHexString(end)),
                  null));
      case INFURA_BLOCK_CAP ->
          write(
              out,
              200,
              "OK",
              "application/json",
              error(
                  request,
                  -32602,
                  "range " + blocks + " exceeds limit of " + schedule.maxBlocks(),
                  null));
    }
  }

  private static byte[] error(byte[] request, int code, String message, JsonNode data)
      throws IOException {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", JSON.readTree(request).path("id"));
    ObjectNode error = answer.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    return JSON.writeValueAsBytes(answer);
  }

  private byte[] forward(byte[] request) throws IOException {
    try {
      return http.send(
              HttpRequest.newBuilder(upstream)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray())
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Says nothing until the client gives up and closes the connection (or the hold ends). */
  private void holdUntilTheClientLeaves(Socket socket, InputStream in) throws IOException {
    socket.setSoTimeout((int) Math.max(1, schedule.hold().toMillis()));
    try {
      while (in.read() != -1) {
        // the client sends nothing more on this connection; drain whatever comes
      }
    } catch (SocketTimeoutException e) {
      // held long enough
    }
  }

  /** The body of the next request on the connection, or null when the client closed it. */
  private static byte[] readRequest(InputStream in) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null) {
      return null;
    }
    int length = -1;
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(line.substring(colon + 1).strip());
      }
    }
    if (line == null) {
      return null;
    }
    if (length < 0) {
      throw new IOException("a request without Content-Length: " + requestLine);
    }
    byte[] body = in.readNBytes(length);
    return body.length == length ? body : null;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void write(
      OutputStream out, int status, String reason, String type, byte[] body, String... headers)
      throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reason)
            .append("\r\nContent-Type: ")
            .append(type)
            .append("\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
