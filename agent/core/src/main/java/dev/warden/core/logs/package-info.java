/**
 * Logs turned into templates: the constant text of each kind of line with {@code <*>} for what
 * varies, counted and ranked, so that 100,000 lines fit in a person's attention or a model's
 * context.
 *
 * <p>{@link dev.warden.core.logs.LogFormat} splits a line's header (timestamp, level, component)
 * from its content; {@link dev.warden.core.logs.Masker} replaces the values every log has (numbers,
 * addresses, ids, paths) in the content; {@link dev.warden.core.logs.TemplateMiner} groups the
 * masked lines into templates online, after the fixed-depth prefix tree of Drain (He et al., ICWS
 * 2017), with a hash of the masked line in front of it so that a line seen before costs one lookup.
 */
package dev.warden.core.logs;
