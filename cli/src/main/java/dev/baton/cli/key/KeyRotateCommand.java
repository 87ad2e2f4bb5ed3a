package dev.baton.cli.key;

import com.google.protobuf.util.Durations;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.command.Subcommand;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.RotateApiKeyRequest;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton keys rotate ID [--grace 24h]}: a new secret; the old one works for the grace period. */
@Command(name = "rotate", description = "Issue a new secret for a key; the old one keeps working for --grace.")
final class KeyRotateCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The key's id.")
  String id;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the old secret keeps working, e.g. 24h (default: it stops at once; at most 30d).")
  Duration grace;

  @Override
  public Integer call() {
    RotateApiKeyRequest.Builder request = RotateApiKeyRequest.newBuilder().setId(id);
    if (grace != null) {
      request.setGrace(Durations.fromNanos(grace.toNanos()));
    }
    CreateApiKeyResponse rotated = KeyConnection.call(root(), keys -> keys.rotateApiKey(request.build()));
    KeySecretPrinter.print(rotated, root(), out());
    return 0;
  }
}
