/**
 * Event intake: turning a delivery from a sender (GitHub, Alertmanager, Grafana, PagerDuty) into a
 * durable, de-duplicated inbox entry. The core owns the {@link
 * dev.warden.core.intake.WebhookSource} port (authenticate and decode one sender's deliveries),
 * which the adapters in {@code integrations} implement, and {@link dev.warden.core.intake.Intake},
 * which runs every delivery through the same steps: available, authentic, well-formed, stored once.
 * HTTP stays in the application; here a delivery is just headers and bytes. May use {@code event},
 * {@code inbox} and {@code integration}.
 */
package dev.warden.core.intake;
