/**
 * The {@code /warden} chat commands: {@link dev.warden.core.chat.command.ChatCommands} parses a
 * command's text, checks its arguments and answers, at once for what is quick (help, status,
 * alerts, runbook list, approvals, usage, policy explain) and through the {@link
 * dev.warden.core.chat.Responder} for what calls the gate, a cluster or a model (runbook plan and
 * run, approve, deny, freeze, summarize), which runs on an executor. Every side effect goes through
 * the {@link dev.warden.core.gate.ActionGate} as the person who typed the command; every text shown
 * is redacted, and what came from outside is escaped for the chat markup. Owns the {@link
 * dev.warden.core.chat.command.OpenAlertGroups} port. May use {@code chat}, {@code gate}, {@code
 * action}, {@code approval}, {@code policy}, {@code runbook}, {@code llm}, {@code logs}, {@code
 * kubernetes} (the {@code kubectl} equivalent), {@code integration} and {@code redact}.
 */
package dev.warden.core.chat.command;
