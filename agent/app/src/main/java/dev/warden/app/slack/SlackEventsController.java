package dev.warden.app.slack;

import static dev.warden.app.intake.Problems.problem;
import static dev.warden.app.intake.Problems.tooLarge;

import dev.warden.app.intake.IntakeProperties;
import dev.warden.integrations.slack.SlackEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /slack/events}: the one request URL of Warden's Slack app for the Events API, slash
 * commands and interactivity. The body is read as raw bytes from the servlet's stream, never
 * through form or JSON binding, because the signature covers the exact bytes ({@code +} against
 * {@code %20} matters); it goes with the headers to {@link SlackEvents}, whose answer
 * (verification, 401, the command's reply) is sent back as it is. Without a signing secret the
 * endpoint answers 503 saying so, like the webhooks; bodies over {@code
 * warden.intake.max-body-size} get 413 unread.
 */
@RestController
class SlackEventsController {
  private final SlackEndpoint endpoint;
  private final IntakeProperties intake;

  SlackEventsController(SlackEndpoint endpoint, IntakeProperties intake) {
    this.endpoint = endpoint;
    this.intake = intake;
  }

  @PostMapping("/slack/events")
  ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
    if (endpoint.events().isEmpty()) {
      return problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Slack not configured",
          "The Slack events endpoint is disabled: "
              + endpoint.availability().detail()
              + ". Set it and restart Warden; until then no request from Slack is answered.");
    }
    long limit = intake.maxBodySize().toBytes();
    if (request.getContentLengthLong() > limit) {
      return tooLarge(limit);
    }
    byte[] body =
        request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      return tooLarge(limit);
    }
    SlackEvents.Answer answer =
        endpoint.events().get().handle(body, headers(request), request.getRemoteAddr());
    HttpHeaders headers = new HttpHeaders();
    answer.headers().forEach(headers::put);
    return ResponseEntity.status(answer.status()).headers(headers).body(answer.body());
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }
}
