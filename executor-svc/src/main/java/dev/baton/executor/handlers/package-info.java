/**
 * Built-in step handlers every executor provides: {@code noop}, {@code sleep}, {@code transform}
 * (CEL) and {@code http}. They use only the public SDK SPI, like user handlers do.
 */
package dev.baton.executor.handlers;
