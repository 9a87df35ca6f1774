package dev.warden.core.intake;

import dev.warden.core.event.Source;
import java.util.Objects;

/**
 * One request from a sender, as received: who it claims to be from, its headers, and the raw body
 * bytes (signatures are computed over these exact bytes, so nothing re-serialises them).
 */
public record Delivery(Source source, Headers headers, byte[] body) {

  public Delivery {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    return "Delivery[source=" + source + ", " + headers + ", body=" + body.length + " bytes]";
  }
}
