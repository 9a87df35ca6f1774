/**
 * The LLM gateway: the one way any Warden feature calls a model.
 *
 * <p>{@link dev.warden.core.llm.LlmGateway} redacts, fences untrusted data, fits the prompt to the
 * model's context, consults the feature flag, the budget and the response cache, and then streams
 * the answer through Spring AI's {@code ChatClient} under a per-provider rate limiter and circuit
 * breaker, with retries on transient failures and a fallback chain that ends in the feature's own
 * deterministic answer. Providers are adapters ({@link dev.warden.core.llm.LlmProvider}); the
 * scripted provider lives here because tests, demos and evaluations need it without any network.
 */
package dev.warden.core.llm;
