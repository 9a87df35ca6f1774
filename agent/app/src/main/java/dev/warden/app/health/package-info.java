/**
 * Integration status on {@code /actuator/health}: every {@link
 * dev.warden.core.integration.Integration} as enabled, or disabled with what to configure, and the
 * integrations that are not built yet. Warden is UP whatever is missing: a missing integration is a
 * configuration choice, not a failure.
 */
package dev.warden.app.health;
