/**
 * Feature flags for Warden's AI features, asked through OpenFeature.
 *
 * <p>The gateway asks {@link dev.warden.core.llm.flags.FeatureFlags} whether {@code llm.<feature>}
 * is on for a repository or channel. By default the answer comes from Warden's own flag file
 * ({@code policies/features/flags.yaml}): {@link dev.warden.core.llm.flags.FlagSet} parses and
 * decides, {@link dev.warden.core.llm.flags.FlagFile} re-reads it when it changes, and {@link
 * dev.warden.core.llm.flags.WardenFlagProvider} serves it to OpenFeature. Any other OpenFeature
 * provider can take its place without the gateway noticing.
 */
package dev.warden.core.llm.flags;
