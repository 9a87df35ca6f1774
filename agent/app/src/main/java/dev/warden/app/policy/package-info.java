/**
 * The policy feature of the application: the policy set in force ({@link
 * dev.warden.app.policy.PolicyRepository}), its settings ({@code warden.policy.*}), the global
 * freeze switch in the database, and the wiring of the core's {@link
 * dev.warden.core.gate.ActionGate} from the persistence ports. Depends on the core's {@code
 * policy}, {@code gate}, {@code approval} and {@code audit} ports only, never on the classes that
 * implement them.
 */
package dev.warden.app.policy;
