/**
 * For testing step handlers without an executor: {@link dev.baton.sdk.testing.TestStepContext}.
 * Part of the SDK's main code so that handler authors can use it from their own tests.
 */
package dev.baton.sdk.testing;
