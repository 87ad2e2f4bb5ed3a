/**
 * {@link dev.baton.examples.provider.LeadProviderServer}: a fake external lead data provider
 * for dev mode and tests, with deterministic leads and switchable faults (error rate, latency,
 * "fail the next n", status) so retry, timeout and recovery behaviour can be shown and tested.
 */
package dev.baton.examples.provider;
