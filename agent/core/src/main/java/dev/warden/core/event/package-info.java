/**
 * The events Warden acts on, normalised from every source: pull request changes and comments, alert
 * groups firing or resolving, incidents changing state. Vendor payloads stop at the adapters in
 * {@code integrations}; what arrives here is the few fields the agent uses, as immutable records
 * that check their own inputs. This package depends on nothing else in Warden.
 */
package dev.warden.core.event;
