package dev.warden.app.intake;

import static dev.warden.app.intake.Problems.problem;
import static dev.warden.app.intake.Problems.tooLarge;

import dev.warden.core.event.Source;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.intake.Intake;
import dev.warden.core.intake.IntakeOutcome;
import dev.warden.core.integration.Availability;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{source}} for every sender. The checks run cheapest first and before the
 * body is read where they can: unknown source 404, source not configured 503, declared size over
 * the limit 413, not JSON 415; then the body is read up to the limit (413 past it), authenticated
 * (401) and decoded (400). Accepted events are stored before the 202 is sent; nothing is processed
 * on the request thread.
 */
@RestController
class WebhookController {
  private static final MediaType JSON_SUFFIXED = MediaType.parseMediaType("application/*+json");

  private final Intake intake;
  private final IntakeProperties properties;

  WebhookController(Intake intake, IntakeProperties properties) {
    this.intake = intake;
    this.properties = properties;
  }

  @PostMapping("/webhooks/{source}")
  ResponseEntity<?> receive(@PathVariable String source, HttpServletRequest request)
      throws IOException {
    if (source.equals("noop") && properties.noopEndpoint()) {
      return noop(request);
    }
    Optional<Source> known = Source.fromId(source);
    if (known.isEmpty()) {
      return problem(
          HttpStatus.NOT_FOUND,
          "Unknown webhook source",
          "No webhook source \"" + source + "\"; known: " + knownSources());
    }
    Availability availability = intake.availability(known.get());
    if (!availability.enabled()) {
      return problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Webhook source not configured",
          "The "
              + source
              + " webhook is disabled: "
              + availability.detail()
              + ". Set it and restart Warden; until then no delivery is accepted.");
    }
    long limit = properties.maxBodySize().toBytes();
    if (request.getContentLengthLong() > limit) {
      return tooLarge(limit);
    }
    Optional<ResponseEntity<?>> unsupported = checkContentType(request.getContentType());
    if (unsupported.isPresent()) {
      return unsupported.get();
    }
    byte[] body = readAtMost(request.getInputStream(), limit);
    if (body == null) {
      return tooLarge(limit);
    }
    IntakeOutcome outcome = intake.receive(new Delivery(known.get(), headers(request), body));
    return answer(outcome);
  }

  private ResponseEntity<?> noop(HttpServletRequest request) throws IOException {
    readAtMost(request.getInputStream(), properties.maxBodySize().toBytes());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "noop"));
  }

  private static ResponseEntity<?> answer(IntakeOutcome outcome) {
    if (outcome instanceof IntakeOutcome.Accepted accepted) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(Map.of("status", "accepted", "id", accepted.inboxId(), "type", accepted.type()));
    }
    if (outcome instanceof IntakeOutcome.Duplicate duplicate) {
      return ResponseEntity.ok(Map.of("status", "duplicate", "id", duplicate.inboxId()));
    }
    if (outcome instanceof IntakeOutcome.Pong pong) {
      return ResponseEntity.ok(Map.of("status", "pong", "message", pong.reply()));
    }
    if (outcome instanceof IntakeOutcome.Unavailable unavailable) {
      return problem(
          HttpStatus.SERVICE_UNAVAILABLE, "Webhook source not configured", unavailable.reason());
    }
    if (outcome instanceof IntakeOutcome.Unauthenticated unauthenticated) {
      return problem(HttpStatus.UNAUTHORIZED, "Not authenticated", unauthenticated.reason());
    }
    var malformed = (IntakeOutcome.Malformed) outcome;
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, malformed.detail());
    problem.setTitle("Malformed payload");
    if (!malformed.problems().isEmpty()) {
      problem.setProperty("errors", malformed.problems());
    }
    return ResponseEntity.of(problem).build();
  }

  private static Optional<ResponseEntity<?>> checkContentType(String contentType) {
    String hint =
        "Send the body as application/json (for a GitHub webhook, set Content type to"
            + " application/json).";
    if (contentType == null) {
      return Optional.of(
          problem(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "Unsupported media type",
              "No Content-Type. " + hint));
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || JSON_SUFFIXED.includes(type)) {
        return Optional.empty();
      }
    } catch (InvalidMediaTypeException unparseable) {
      // falls through to the same answer
    }
    return Optional.of(
        problem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "Content-Type " + contentType + " is not JSON. " + hint));
  }

  /** The body, or null if it is longer than {@code limit} (read no further than limit + 1). */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    return body.length > limit ? null : body;
  }

  private static Headers headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.putIfAbsent(name, request.getHeader(name));
    }
    return Headers.of(headers);
  }

  private static List<String> knownSources() {
    return Arrays.stream(Source.values()).map(Source::id).toList();
  }
}
