package dev.baton.progress.hub;

/**
 * A listener that starts with a snapshot and the events it missed, and takes those at its own
 * pace (a WatchExecution stream): after the snapshot and after each page it asked for with
 * {@link ProgressHub#pull}, the tracker says whether more is left. Called on the hub's context.
 */
public interface Watcher extends ProgressListener {
  /**
   * Ends the snapshot or a page of the catch-up. {@code more}: events after it are left, ask for
   * them with {@link ProgressHub#pull} when there is room; otherwise live updates follow, from the
   * next sequence on.
   */
  void onPageEnd(boolean more);
}
