package dev.baton.cli.connect;

import static java.util.Objects.requireNonNull;

import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import java.util.Iterator;

/**
 * One command's connection to progress-svc. Watch streams get no deadline: they last as long as
 * the execution does. A broken stream is resumed by {@code watch.ResumingWatch}.
 */
public final class ProgressConnection implements AutoCloseable {
  private final BatonClient client;
  private final String target;

  private ProgressConnection(BatonClient client, String target) {
    this.client = client;
    this.target = target;
  }

  public static ProgressConnection open(String target, BatonCredentials credentials) {
    requireNonNull(target, "target");
    requireNonNull(credentials, "credentials");
    return new ProgressConnection(BatonClient.connect(target, credentials), target);
  }

  /** The updates of one execution from event {@code resumeAfter} on (0: from its current state). */
  public Iterator<ExecutionUpdate> watch(String executionId, long resumeAfter) {
    // after a failed connect the channel waits out its own backoff (1s and growing) and fails
    // calls at once meanwhile; the caller has already waited its own backoff, so try now
    client.channel().resetConnectBackoff();
    return client.progress().watchExecution(WatchExecutionRequest.newBuilder()
        .setExecutionId(executionId).setResumeAfter(resumeAfter).build());
  }

  /** The address, for messages. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    client.close();
  }
}
