package io.naap.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A running anvil node: a child process listening on loopback. {@link #close()} stops it (and
 * anything it started); callers own that duty, typically through try-with-resources, a JUnit
 * extension or a shutdown hook.
 */
public final class AnvilNode implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Listening on ([0-9.:\\[\\]a-fA-F]+):(\\d+)");
  private static final Pattern HEX_STRING = Pattern.compile("\"(0x[0-9a-fA-F]+)\"");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final String host;
  private final int port;
  private final long chainId;
  private final List<DevAccount> accounts;
  private final Path logFile;
  private final Path workDir;
  private final boolean ownsWorkDir;

  private AnvilNode(
      Process process,
      String host,
      int port,
      long chainId,
      List<DevAccount> accounts,
      Path logFile,
      Path workDir,
      boolean ownsWorkDir) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.chainId = chainId;
    this.accounts = accounts;
    this.logFile = logFile;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
  }

  /**
   * The anvil executable that the contracts module's npm install put under {@code
   * home/contracts/node_modules} for this operating system and processor.
   */
  public static Path binaryIn(Path naapHome) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String platform =
        (os.contains("mac") || os.contains("darwin")
                ? "darwin"
                : os.contains("win") ? "win32" : "linux")
            + "-"
            + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
    Path binary =
        naapHome.resolve(
            Path.of(
                "contracts",
                "node_modules",
                "@foundry-rs",
                "anvil-" + platform,
                "bin",
                platform.startsWith("win32") ? "anvil.exe" : "anvil"));
    if (!Files.isRegularFile(binary)) {
      throw new EmbeddedServerException(
          "anvil binary not found at "
              + binary
              + ": build the contracts module first (./mvnw -pl contracts install runs npm ci there)");
    }
    if (!Files.isExecutable(binary)) {
      throw new EmbeddedServerException(
          "anvil binary at "
              + binary
              + " is not executable: rebuild the contracts module, which sets the bit");
    }
    return binary;
  }

  /** Starts a node and waits until it answers JSON-RPC with the expected chain id. */
  public static AnvilNode start(AnvilSettings settings) {
    boolean ownsWorkDir = settings.workDir().isEmpty();
    Path workDir;
    try {
      workDir =
          ownsWorkDir
              ? Files.createTempDirectory("naap-anvil-")
              : Files.createDirectories(settings.workDir().orElseThrow());
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot create a working folder for anvil", e);
    }
    Path logFile = workDir.resolve("anvil.log");
    Path accountsFile = workDir.resolve("anvil-accounts.json");
    try {
      Files.deleteIfExists(accountsFile);
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot clear anvil's files in " + workDir, e);
    }

    List<String> command = new ArrayList<>();
    command.add(settings.binary().toString());
    command.addAll(List.of("--host", settings.host()));
    command.addAll(List.of("--port", Integer.toString(settings.port())));
    command.addAll(List.of("--chain-id", Long.toString(settings.chainId())));
    command.addAll(List.of("--accounts", Integer.toString(settings.accounts())));
    command.addAll(List.of("--config-out", accountsFile.toString()));
    settings
        .mnemonicSeed()
        .ifPresent(
            seed -> command.addAll(List.of("--mnemonic-seed-unsafe", Long.toUnsignedString(seed))));
    settings
        .stateFile()
        .ifPresent(
            state -> command.addAll(List.of("--state", state.toString(), "--state-interval", "5")));
    settings
        .blockInterval()
        .ifPresent(
            interval ->
                command.addAll(
                    List.of(
                        "--block-time", Long.toString(interval.toSeconds()), "--mixed-mining")));

    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot run " + settings.binary(), e);
    }
    try {
      int port = awaitListening(process, logFile, settings);
      String rpcUrl = "http://" + settings.host() + ":" + port;
      long chainId = awaitChainId(process, rpcUrl, logFile, settings);
      if (chainId != settings.chainId()) {
        throw new EmbeddedServerException(
            "anvil at "
                + rpcUrl
                + " reports chain id "
                + chainId
                + ", expected "
                + settings.chainId());
      }
      List<DevAccount> accounts = readAccounts(accountsFile);
      return new AnvilNode(
          process, settings.host(), port, chainId, accounts, logFile, workDir, ownsWorkDir);
    } catch (RuntimeException e) {
      stop(process);
      if (ownsWorkDir) {
        e.addSuppressed(new EmbeddedServerException("anvil log:\n" + tail(logFile)));
        deleteTree(workDir);
      }
      throw e;
    }
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String rpcUrl() {
    return "http://" + host + ":" + port;
  }

  public long chainId() {
    return chainId;
  }

  /** The funded dev accounts, in anvil's order. */
  public List<DevAccount> accounts() {
    return accounts;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * Sends one JSON-RPC request and returns the raw response body. For probes and test control
   * (evm_snapshot, evm_mine...); application code talks to the chain through web3j.
   */
  public String rpc(String method, String paramsJson) {
    return post(rpcUrl(), method, paramsJson, Duration.ofSeconds(10));
  }

  /** Stops the node (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  @Override
  public void close() {
    stop(process);
    if (ownsWorkDir) {
      deleteTree(workDir);
    }
  }

  private static int awaitListening(Process process, Path logFile, AnvilSettings settings) {
    Instant deadline = Instant.now().plus(settings.startupTimeout());
    while (Instant.now().isBefore(deadline)) {
      String log = read(logFile);
      Matcher matcher = LISTENING.matcher(log);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(2));
      }
      if (!process.isAlive()) {
        String reason =
            log.contains("Address already in use") || log.contains("address already in use")
                ? "port " + settings.port() + " on " + settings.host() + " is already in use"
                : "exit code " + process.exitValue();
        throw new EmbeddedServerException(
            "anvil stopped before listening (" + reason + "):\n" + tail(logFile));
      }
      sleep(Duration.ofMillis(20));
    }
    throw new EmbeddedServerException(
        "anvil did not start listening within "
            + settings.startupTimeout()
            + ":\n"
            + tail(logFile));
  }

  private static long awaitChainId(
      Process process, String rpcUrl, Path logFile, AnvilSettings settings) {
    Instant deadline = Instant.now().plus(settings.startupTimeout());
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        String body = post(rpcUrl, "eth_chainId", "[]", Duration.ofSeconds(2));
        Matcher matcher = HEX_STRING.matcher(body);
        if (matcher.find()) {
          return Long.parseLong(matcher.group(1).substring(2), 16);
        }
        last = new EmbeddedServerException("unexpected eth_chainId answer: " + body);
      } catch (RuntimeException e) {
        last = e;
      }
      sleep(Duration.ofMillis(20));
    }
    throw new EmbeddedServerException(
        "anvil at " + rpcUrl + " does not answer JSON-RPC:\n" + tail(logFile), last);
  }

  private static String post(String url, String method, String paramsJson, Duration timeout) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
            + method
            + "\",\"params\":"
            + paramsJson
            + "}";
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new EmbeddedServerException(
            method + " at " + url + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new EmbeddedServerException(method + " at " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedServerException(method + " at " + url + " interrupted", e);
    }
  }

  /** Parses anvil's --config-out file: two parallel arrays of addresses and private keys. */
  static List<DevAccount> parseAccounts(String json) {
    List<String> addresses = stringArray(json, "available_accounts");
    List<String> keys = stringArray(json, "private_keys");
    if (addresses.isEmpty() || addresses.size() != keys.size()) {
      throw new EmbeddedServerException(
          "anvil's account file lists "
              + addresses.size()
              + " accounts and "
              + keys.size()
              + " keys");
    }
    List<DevAccount> accounts = new ArrayList<>(addresses.size());
    for (int i = 0; i < addresses.size(); i++) {
      accounts.add(new DevAccount(addresses.get(i), keys.get(i)));
    }
    return List.copyOf(accounts);
  }

  private static List<String> stringArray(String json, String field) {
    int start = json.indexOf("\"" + field + "\"");
    if (start < 0) {
      return List.of();
    }
    int open = json.indexOf('[', start);
    int close = json.indexOf(']', open);
    if (open < 0 || close < 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    Matcher matcher = HEX_STRING.matcher(json.substring(open, close));
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  private static List<DevAccount> readAccounts(Path accountsFile) {
    try {
      if (Files.getFileStore(accountsFile).supportsFileAttributeView("posix")) {
        // the file holds the dev accounts' private keys: owner only
        Files.setPosixFilePermissions(
            accountsFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
      return parseAccounts(Files.readString(accountsFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EmbeddedServerException("anvil wrote no account file at " + accountsFile, e);
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path file) {
    List<String> lines = read(file).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedServerException("interrupted while waiting for anvil", e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
