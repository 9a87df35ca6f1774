/**
 * The policy engine: rules read from the policy files (matched on action kinds, targets, labels and
 * a CEL condition), change freezes and the global freeze switch, and {@link
 * dev.warden.core.policy.PolicyEngine}, which decides one of four levels for an action: the most
 * restrictive matching rule, then the built-in guards that no rule can loosen. Owns the {@link
 * dev.warden.core.policy.FreezeSwitch} port. May use {@code action} and {@code definition}.
 */
package dev.warden.core.policy;
