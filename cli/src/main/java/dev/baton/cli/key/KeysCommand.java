package dev.baton.cli.key;

import dev.baton.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code baton keys}: API keys (create, list, rotate, revoke). */
@Command(name = "keys", aliases = "key",
    description = {"API keys: every call carries one; its tenant and role decide what it may do.",
        "A tenant admin manages its tenant's keys; a platform admin (baton dev writes one to the credentials file) "
            + "those of every tenant."},
    subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyRotateCommand.class, KeyRevokeCommand.class})
public final class KeysCommand extends CommandGroup {
}
