package dev.baton.progress.hub;

import dev.baton.proto.v1.ExecutionUpdate;

/**
 * Something that follows one tracked execution: a watch stream, a parent execution counting its
 * child's percent, a list watch. Called on the hub's context, in sequence order, once per update.
 */
public interface ProgressListener {
  void onUpdate(ExecutionUpdate update);
}
