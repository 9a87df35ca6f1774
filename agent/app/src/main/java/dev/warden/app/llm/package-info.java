/**
 * The LLM gateway's cost ledger in the database ({@link dev.warden.app.llm.JdbcUsageLedger}): what
 * each answer cost, summed per feature and scope for budgets and read back per day by {@code
 * ./warden llm usage}. Implements the core's {@code llm} port and uses nothing else of the
 * application.
 */
package dev.warden.app.llm;
