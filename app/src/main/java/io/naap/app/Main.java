package io.naap.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** Entry point of the {@code naap} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    System.exit(NaapCommand.commandLine().execute(args));
  }

  /** naap's own logging.properties, unless the user points java.util.logging elsewhere. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream config = Main.class.getResourceAsStream("/logging.properties")) {
      if (config != null) {
        LogManager.getLogManager().readConfiguration(config);
      }
    } catch (IOException e) {
      System.err.println("naap: cannot read the bundled logging.properties: " + e.getMessage());
    }
  }
}
