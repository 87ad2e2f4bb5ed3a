package dev.baton.cli.key;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.KeyServiceGrpc.KeyServiceBlockingStub;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One call to the KeyService with the key-admin key ({@link dev.baton.cli.connect.ApiKeyOption#keyAdminKey}). */
final class KeyConnection {
  private KeyConnection() {}

  static <T> T call(BatonCommand root, Function<KeyServiceBlockingStub, T> call) {
    try (OrchestratorConnection connection = OrchestratorConnection.open(root.server(), root.apiKeys().keyAdminKey())) {
      return call.apply(connection.keys()
          .withDeadlineAfter(OrchestratorConnection.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
    }
  }
}
