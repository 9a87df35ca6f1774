/**
 * Secret redaction: finds credentials in text (cloud and SaaS tokens, private keys, JWTs, passwords
 * in URLs and assignments, Kubernetes Secret data) and replaces each with a placeholder, before any
 * text leaves the process (a prompt, a Slack message, a log line). The original values stay in the
 * {@link dev.warden.core.redact.Redaction} in memory, so that text can be restored for an
 * authorised person; they never appear in its {@code toString}. Depends on nothing else in the
 * core.
 */
package dev.warden.core.redact;
