/**
 * The model provider adapters of the LLM gateway: OpenAI (and OpenAI-compatible servers), Anthropic
 * and Ollama, as {@link dev.warden.core.llm.LlmProvider}s over Spring AI's chat models. They never
 * retry by themselves, and they read each SDK's failures into {@link
 * dev.warden.core.llm.ProviderFailure}. Vendor types never leave this package. May use {@code
 * dev.warden.core} only.
 */
package dev.warden.integrations.llm;
