package io.naap.app.up;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks, before anything starts, that the ports {@code naap up} will listen on are free. */
final class Ports {
  private Ports() {}

  static void requireFree(String host, int port, String what, String option) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new UpException(
          "port "
              + port
              + " on "
              + host
              + " ("
              + what
              + ") is already in use, perhaps by another naap up: stop it or pass "
              + option
              + " with a free port");
    }
  }
}
