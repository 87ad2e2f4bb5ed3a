package dev.baton.progress.hub;

/**
 * A listener that starts with a snapshot and the events it missed, and takes those at its own
 * pace (a WatchExecution stream): after the snapshot and after each page it asked for with
 * {@link ProgressHub#pull}, the tracker says whether more is left. Once caught up it gets live
 * updates for as long as it has room for them; a watcher that runs out of room is moved back to
 * the paced catch-up (another {@code onPageEnd(true)}), so it is never handed more than its buffer.
 * Called on the hub's context.
 */
public interface Watcher extends ProgressListener {
  /**
   * Ends the snapshot or a page of the catch-up. {@code more}: events after it are left, ask for
   * them with {@link ProgressHub#pull} when there is room; otherwise live updates follow, from the
   * next sequence on. Also sent to a live watcher that has fallen behind: it catches up again from
   * the last update it was given.
   */
  void onPageEnd(boolean more);

  /**
   * Whether one more live update fits in its buffer. Asked on the hub's context before each live
   * update, so it must be safe to call from any thread.
   */
  boolean hasRoom();
}
