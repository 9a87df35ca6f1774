package dev.warden.app.cli;

import picocli.CommandLine.Command;

/**
 * {@code warden serve [--property=value ...]}: documented here for {@code --help}; the entry point
 * starts the server itself before picocli sees the arguments, so that every Spring Boot option
 * passes through unchanged.
 */
@Command(
    name = "serve",
    description = {
      "Start the Warden server (embedded H2 under ./data/ unless configured otherwise).",
      "Any --name=value is a Spring Boot property, e.g. --server.port=9090 or",
      "--spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://db/warden"
    })
class ServeCommand implements Runnable {
  @Override
  public void run() {
    throw new IllegalStateException("serve is started by dev.warden.app.Warden, not by picocli");
  }
}
