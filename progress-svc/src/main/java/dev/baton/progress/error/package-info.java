/**
 * progress-svc's one exception root ({@link dev.baton.progress.error.ProgressException}), mapped to
 * a gRPC status in {@code api.Statuses}; in a package of its own so that the packages throwing it do
 * not depend on the one that wires them.
 */
package dev.baton.progress.error;
