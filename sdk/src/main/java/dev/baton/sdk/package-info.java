/**
 * The public Java SDK: {@link dev.baton.sdk.client.BatonClient} to call the Baton API, and the
 * {@link dev.baton.sdk.handler.StepHandler} SPI that executors discover with ServiceLoader.
 */
package dev.baton.sdk;
