/**
 * The application's Kubernetes adapter: clusters from {@code warden.kubernetes.*}, the step
 * executor, the {@code wait.until} probe and the equivalent {@code kubectl} commands.
 */
package dev.warden.app.kubernetes;
