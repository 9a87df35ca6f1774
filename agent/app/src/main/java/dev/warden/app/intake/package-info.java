/**
 * The HTTP side of event intake: {@code POST /webhooks/{source}} bounds, checks and reads the
 * request, hands it to the core's {@link dev.warden.core.intake.Intake}, and turns the outcome into
 * the answer senders expect (202 accepted, 200 duplicate or pong, problem+json for every error).
 */
package dev.warden.app.intake;
