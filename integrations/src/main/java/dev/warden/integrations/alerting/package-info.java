/**
 * The alerting adapter: webhook intake from Prometheus Alertmanager and Grafana Alerting (alert
 * groups, authenticated with a bearer token or HTTP basic) and from PagerDuty v3 (incidents,
 * authenticated with {@code X-PagerDuty-Signature}). Vendor payload shapes never leave this
 * package. May use {@code dev.warden.core} only.
 */
package dev.warden.integrations.alerting;
