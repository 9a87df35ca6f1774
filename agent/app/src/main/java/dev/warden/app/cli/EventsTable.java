package dev.warden.app.cli;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** Renders the {@code /actuator/events} answer as a plain-text table for a terminal. */
final class EventsTable {
  private static final String ROW = "%-6s %-20s %-12s %-34s %-10s %3s  %s%n";

  private EventsTable() {}

  static void print(JsonNode listing, PrintWriter out) {
    var counts = new StringBuilder();
    listing
        .path("counts")
        .properties()
        .forEach(
            entry ->
                counts
                    .append(counts.isEmpty() ? "" : ", ")
                    .append(entry.getKey().toLowerCase())
                    .append(' ')
                    .append(entry.getValue().asLong()));
    out.println("inbox: " + (counts.isEmpty() ? "empty" : counts));
    JsonNode events = listing.path("events");
    if (events.isEmpty()) {
      return;
    }
    out.printf(ROW, "ID", "RECEIVED", "SOURCE", "TYPE", "STATE", "TRY", "SUMMARY");
    for (JsonNode event : events) {
      String received = event.path("receivedAt").asString("");
      String summary = event.path("summary").asString("");
      String error = event.path("lastError").asString("");
      out.printf(
          ROW,
          event.path("id").asString(),
          received.length() > 19 ? received.substring(0, 19) : received,
          event.path("source").asString("").toLowerCase(),
          event.path("type").asString(""),
          event.path("state").asString("").toLowerCase(),
          event.path("attempts").asString(),
          error.isEmpty() ? summary : summary + "  [" + error + "]");
    }
  }
}
