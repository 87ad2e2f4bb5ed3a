/**
 * The public Java SDK: {@link dev.baton.sdk.client.BatonClient} to call the Baton API, and the
 * {@link dev.baton.sdk.handler.StepHandler} SPI that executors discover with ServiceLoader, and
 * {@link dev.baton.sdk.testing.TestStepContext} to test a handler without an executor. It is
 * what users compile against: it must not depend on any service module or on Vert.x.
 */
package dev.baton.sdk;
