/**
 * Waiting for a condition: {@code wait.until} steps ({@link dev.warden.core.wait.WaitExecutor}),
 * the {@link dev.warden.core.wait.Probe} port that checks a condition once, and {@link
 * dev.warden.core.wait.Waits}, the probes by condition. May use {@code gate}.
 */
package dev.warden.core.wait;
