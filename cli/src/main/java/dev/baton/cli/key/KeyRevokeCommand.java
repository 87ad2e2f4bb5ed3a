package dev.baton.cli.key;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.Subcommand;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton keys revoke ID}: every replica refuses the key within seconds. */
@Command(name = "revoke", description = "Revoke a key: every service refuses it within seconds.")
final class KeyRevokeCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The key's id.")
  String id;

  @Override
  public Integer call() {
    ApiKey revoked = KeyConnection.call(root(), keys -> keys.revokeApiKey(RevokeApiKeyRequest.newBuilder().setId(id).build()));
    if (root().json()) {
      BatonCommand.printJson(revoked, out());
    } else {
      out().println("key " + revoked.getId() + " (" + revoked.getName() + ") revoked");
      out().flush();
    }
    return 0;
  }
}
