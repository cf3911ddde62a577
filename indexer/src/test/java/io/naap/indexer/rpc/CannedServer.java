package io.naap.indexer.rpc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that answers each request with the next canned answer, its {@code {id}}
 * replaced by the request's id: for the client's handling of statuses, bodies and silences.
 */
final class CannedServer implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  /** One answer; {@code silent} answers nothing until the server closes. */
  record Answer(int status, String body, List<String> headers, boolean silent) {
    static Answer json(String body) {
      return new Answer(200, body, List.of(), false);
    }

    static Answer status(int status, String body, String... headers) {
      return new Answer(status, body, List.of(headers), false);
    }

    static Answer silence() {
      return new Answer(0, "", List.of(), true);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch closing = new CountDownLatch(1);

  private CannedServer(HttpServer server) {
    this.server = server;
  }

  static CannedServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CannedServer canned = new CannedServer(server);
    server.createContext(
        "/",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          canned.requests.add(request);
          Answer answer = canned.answers.poll();
          if (answer == null) {
            answer = Answer.status(500, "no canned answer left");
          }
          if (answer.silent()) {
            try {
              canned.closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
          }
          Matcher id = ID.matcher(request);
          String body = answer.body().replace("{id}", id.find() ? id.group(1) : "0");
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          for (String header : answer.headers()) {
            String[] parts = header.split(":", 2);
            exchange.getResponseHeaders().add(parts[0].strip(), parts[1].strip());
          }
          exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return canned;
  }

  CannedServer then(Answer... more) {
    answers.addAll(List.of(more));
    return this;
  }

  URI uri() {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + "/");
  }

  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
