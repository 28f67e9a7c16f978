/**
 * A simulated OpenAI-compatible chat-completions endpoint: a test double for a paid API.
 *
 * <p>{@link org.medinstruct.sim.SimulatedLlmServer#start} serves {@code POST /v1/chat/completions},
 * {@code GET /v1/models} and {@code GET /v1/stats} on 127.0.0.1. Completions are deterministic per
 * request body and config seed; AlpaCare instruction prompts (ending "N. Type:") get generated
 * medical tasks with realistic GPT-4 format defects, other requests a medical answer. Faults,
 * latency, a requests-per-minute window, an API-key check and a context limit are configurable in
 * {@link org.medinstruct.sim.SimConfig}. Token rule: {@link org.medinstruct.sim.Tokens}. Command:
 * {@link org.medinstruct.sim.SimulatorMain} ({@code simulate-llm}).
 *
 * <p>Benchmarks (mains in the test tree): {@code SimLoadBenchmark} (throughput at a latency) and
 * {@code SimDiversityBenchmark} (share of generated instructions with ROUGE-L &gt; 0.7 to an
 * earlier one).
 */
package org.medinstruct.sim;
