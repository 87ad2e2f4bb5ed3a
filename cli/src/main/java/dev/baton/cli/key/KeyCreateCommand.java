package dev.baton.cli.key;

import com.google.protobuf.util.Durations;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.command.Subcommand;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.Role;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton keys create --role ROLE --name NAME [--tenant T] [--expires 90d]}: prints the secret once. */
@Command(name = "create", description = {"Create an API key and print its secret (shown only now).",
    "Roles: admin, operator, viewer, executor, ingest, platform-admin."})
final class KeyCreateCommand extends Subcommand {
  @Option(names = "--tenant", paramLabel = "TENANT",
      description = "Tenant the key acts for (a platform admin names it; a tenant admin's own by default). "
          + "Empty for a platform-wide executor or ingest key.")
  String tenant = "";

  @Option(names = "--role", required = true, paramLabel = "ROLE", converter = RoleConverter.class,
      description = "What the key may do.")
  Role role;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the key is for, e.g. ci.")
  String name;

  @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the key works, e.g. 90d (default: until revoked).")
  Duration expires;

  @Override
  public Integer call() {
    CreateApiKeyRequest.Builder request = CreateApiKeyRequest.newBuilder()
        .setTenant(tenant).setRole(role).setName(name);
    if (expires != null) {
      request.setExpiresIn(Durations.fromNanos(expires.toNanos()));
    }
    CreateApiKeyResponse created = KeyConnection.call(root(), keys -> keys.createApiKey(request.build()));
    KeySecretPrinter.print(created, root(), out());
    return 0;
  }
}
