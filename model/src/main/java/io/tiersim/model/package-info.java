/**
 * The vocabulary of tiersim: LLM architectures ({@code llm}), hardware profiles ({@code
 * hardware}), KV and weight strategies with their presets ({@code strategy}), the published
 * quality losses of methods ({@code quality}), workloads and scenarios ({@code scenario}), and
 * strict loading of all of them ({@code io}).
 */
package io.tiersim.model;
