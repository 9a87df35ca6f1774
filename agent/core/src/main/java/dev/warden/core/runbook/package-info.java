/**
 * Runbook definitions: the YAML format ({@code runbooks/runbook.schema.json}), loading with every
 * problem at {@code file:line:column} ({@link dev.warden.core.runbook.RunbookLoader}), matching an
 * alert's labels ({@link dev.warden.core.runbook.Runbook#matches}) and the small, safe template
 * syntax ({@link dev.warden.core.runbook.Template}). Definitions only: executing runbooks is not
 * built yet. Depends on the definition, action and policy (globs) packages of the core.
 */
package dev.warden.core.runbook;
