/**
 * Proposed actions: every side effect Warden could cause, as a typed value. An action has a kind
 * from the {@link dev.warden.core.action.ActionKinds catalogue} (which says whether it reads,
 * communicates or mutates), a target, parameters, a blast radius, a requester, the event it came
 * from and whether any of it was derived from untrusted content. Its canonical JSON and hash bind
 * approvals and audit entries to the exact action. Depends on nothing else in the core.
 */
package dev.warden.core.action;
