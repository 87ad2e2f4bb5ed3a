package dev.baton.cli.key;

import dev.baton.cli.command.BatonCommand;
import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.CreateApiKeyResponse;
import java.io.PrintWriter;

/** How a new secret (create, rotate) is shown: `{"key": ..., "secret": ...}` with -o json. */
final class KeySecretPrinter {
  private KeySecretPrinter() {}

  static void print(CreateApiKeyResponse issued, BatonCommand root, PrintWriter out) {
    if (root.json()) {
      BatonCommand.printJson(issued, out);
      return;
    }
    var key = issued.getKey();
    out.println("key " + key.getId() + " (" + key.getName() + ", " + RoleNames.name(key.getRole())
        + (key.getTenant().isEmpty() ? ", every tenant" : ", tenant " + key.getTenant())
        + (key.hasExpireTime() ? ", expires " + root.time().timestamp(key.getExpireTime()) : "") + ")");
    out.println("secret (shown only now; send it as `authorization: Bearer <secret>` or BATON_API_KEY):");
    out.println(issued.getSecret());
    out.flush();
  }
}
