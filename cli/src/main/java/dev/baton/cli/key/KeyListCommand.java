package dev.baton.cli.key;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListApiKeysResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton keys list}: the keys the caller may manage (never their secrets). */
@Command(name = "list", aliases = "ls", description = "List API keys: id, name, tenant, role, created, last used, expires.")
final class KeyListCommand extends ListingCommand<ListApiKeysResponse> {
  @Option(names = "--tenant", paramLabel = "TENANT", description = "Platform admins: only this tenant's keys.")
  String tenant = "";

  @Option(names = "--all", description = "Include revoked keys.")
  boolean all;

  @Override
  protected ListApiKeysResponse fetch() {
    return KeyConnection.call(root(), keys -> keys.listApiKeys(
        ListApiKeysRequest.newBuilder().setTenant(tenant).setIncludeRevoked(all).build()));
  }

  @Override
  protected Table table(ListApiKeysResponse answer, HumanTime time) {
    Table table = new Table("ID", "NAME", "TENANT", "ROLE", "CREATED", "LAST USED", "EXPIRES", "STATE");
    for (ApiKey k : answer.getKeysList()) {
      table.row(k.getId(), k.getName(), k.getTenant().isEmpty() ? "*" : k.getTenant(), RoleNames.name(k.getRole()),
          time.timestamp(k.getCreateTime()), k.hasLastUsedTime() ? time.timestamp(k.getLastUsedTime()) : "never",
          k.hasExpireTime() ? time.timestamp(k.getExpireTime()) : "never",
          k.hasRevokeTime() ? "revoked " + time.timestamp(k.getRevokeTime())
              : k.hasPreviousSecretExpireTime() ? "rotated (old secret until "
                  + time.timestamp(k.getPreviousSecretExpireTime()) + ")" : "active");
    }
    return table;
  }
}
