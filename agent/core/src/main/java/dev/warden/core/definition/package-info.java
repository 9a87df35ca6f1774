/**
 * Typed YAML definitions (policies, and later runbooks): parse a file with the line and column of
 * every node ({@link dev.warden.core.definition.YamlDocument}), check it against a JSON Schema
 * ({@link dev.warden.core.definition.DefinitionSchema}), and report every problem at once as {@code
 * file:line:column} ({@link dev.warden.core.definition.Problem}). What a definition means is up to
 * the package that owns it; this one knows only YAML, JSON Schema and positions. Depends on nothing
 * else in the core.
 */
package dev.warden.core.definition;
