/**
 * Circuit breakers of the external providers steps call, shared by every executor through Redis.
 *
 * <p>A step names its provider in its config's {@code provider}; the breaker is per tenant and
 * provider. CLOSED: calls go through and the handler's provider faults
 * ({@link dev.baton.sdk.handler.StepFailure#providerFault}) are counted in a sliding window; the
 * {@code failureThreshold}-th fault within {@code window} opens it. OPEN: attempts fail at once with
 * {@link dev.baton.proto.v1.StepError.BuiltinCode#CIRCUIT_OPEN} (not retryable, so the step's retry
 * policy does not spin on it and its {@code onError} rules decide, e.g. a fallback provider) without
 * calling the handler. After {@code openDuration}: HALF_OPEN, one probe call at a time goes through;
 * its success closes the breaker, its provider fault opens it again.
 *
 * <p>State changes are atomic Lua scripts ({@code admit.lua}, {@code record.lua}), so executors
 * racing on one breaker agree. Calls admitted while it was closed still finish after it opens: a
 * provider receives at most threshold + (calls in flight at that moment) + one probe per open period.
 */
package dev.baton.executor.circuit;
