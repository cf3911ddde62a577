package io.naap.app.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an {@link UpReport} as {@code up.json}, atomically so a reader never sees half a file, and
 * for its owner only.
 */
final class UpReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private UpReportJson() {}

  static ObjectNode toJson(UpReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("pid", report.pid());
    root.put("startedAt", report.startedAt().toString());
    root.put("readyAfterMillis", report.readyAfter().toMillis());
    root.put("home", report.home().toString());
    root.put("ephemeral", report.ephemeral());
    ObjectNode api = root.putObject("api");
    api.put("url", report.api().url());
    api.put("health", report.api().health());
    api.put("metrics", report.api().metrics());
    api.put("openapi", report.api().openapi());
    ObjectNode chain = root.putObject("chain");
    chain.put("rpcUrl", report.chain().rpcUrl());
    chain.put("chainId", report.chain().chainId());
    chain.put("external", report.chain().external());
    report.chain().pid().ifPresent(pid -> chain.put("pid", pid));
    report.chain().stateFile().ifPresent(file -> chain.put("stateFile", file.toString()));
    report.chain().log().ifPresent(file -> chain.put("log", file.toString()));
    ObjectNode database = root.putObject("database");
    database.put("jdbcUrl", report.database().jdbcUrl());
    database.put("user", report.database().user());
    database.put("port", report.database().port());
    report
        .database()
        .dataDirectory()
        .ifPresent(dir -> database.put("dataDirectory", dir.toString()));
    database.put("pid", report.database().pid());
    report
        .loadgen()
        .ifPresentOrElse(
            loadgen -> {
              ObjectNode node = root.putObject("loadgen");
              node.put("seed", loadgen.seed());
              node.put("fleet", loadgen.fleet());
              loadgen.gateways().forEach(node.putArray("gateways")::add);
            },
            () -> root.putNull("loadgen"));
    ObjectNode keys = root.putObject("keys");
    keys.put("gateway", report.keys().gateway().text());
    keys.put("orchestrator", report.keys().orchestrator().text());
    keys.put("admin", report.keys().admin().text());
    ObjectNode indexer = root.putObject("indexer");
    indexer.put("profile", report.indexer().profile());
    indexer.put("finalityDepth", report.indexer().finalityDepth());
    indexer.put("status", report.api().url() + "/v1/indexer/status");
    ObjectNode oracle = root.putObject("oracle");
    switch (report.oracle()) {
      case UpReport.Oracle.Running running -> {
        oracle.put("running", true);
        oracle.put("contract", running.contract());
        oracle.put("block", running.block());
        oracle.put("epochLength", running.epochLength().toString());
        oracle.put("signers", running.signers());
        oracle.put("threshold", running.threshold());
      }
      case UpReport.Oracle.Off off -> {
        oracle.put("running", false);
        oracle.put("reason", off.reason());
      }
    }
    ObjectNode contracts = root.putObject("contracts");
    for (UpReport.Contract contract : report.contracts()) {
      ObjectNode node = contracts.putObject(contract.name());
      node.put("address", contract.address());
      node.put("block", contract.block());
    }
    return root;
  }

  /**
   * Writes {@code file} readable and writable by its owner only (where the file system has POSIX
   * permissions): it holds the dev API keys.
   */
  static void write(UpReport report, Path file) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      if (Files.getFileStore(file.getParent())
          .supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.createFile(
            temporary,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(
          temporary, JSON.writeValueAsString(toJson(report)) + "\n", StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UpException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
