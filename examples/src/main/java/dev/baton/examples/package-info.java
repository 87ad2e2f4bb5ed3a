/**
 * The lead-generation example, Baton's first real workload: audience translator -> lead
 * enrichment (fan-out per segment, against a flaky provider) -> email sequence (a chained
 * workflow). {@link dev.baton.examples.ExampleWorkflows} holds the definitions; the handlers are
 * in {@code lead}, a local fake provider in {@code provider}. Owns nothing of the platform: it
 * only uses the SDK's StepHandler SPI, as any user's handlers would.
 */
package dev.baton.examples;
