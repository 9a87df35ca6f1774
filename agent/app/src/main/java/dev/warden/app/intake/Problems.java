package dev.warden.app.intake;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The problem+json answers Warden's endpoints for senders (webhooks, Slack) give. */
public final class Problems {
  private Problems() {}

  /** An answer with {@code status}, a short {@code title} and what to do in {@code detail}. */
  public static ResponseEntity<?> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.of(problem).build();
  }

  /** 413: the body is over {@code warden.intake.max-body-size}. */
  public static ResponseEntity<?> tooLarge(long limit) {
    return problem(
        HttpStatus.CONTENT_TOO_LARGE,
        "Payload too large",
        "The body is larger than warden.intake.max-body-size (" + limit + " bytes).");
  }
}
