package dev.baton.orchestrator.notify;

import com.google.protobuf.Timestamp;
import dev.baton.common.webhook.WebhookSigner;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.NotificationChannel;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The tenant's webhook channels (table notification_channels); validates what is set. */
public final class NotificationChannels {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final int MAX_URL = 2000;
  private static final int MAX_SECRET = 1000;

  private final Pool pool;

  public NotificationChannels(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** Creates or replaces the channel of this name. */
  public Future<NotificationChannel> set(String tenant, NotificationChannel channel) {
    validate(channel);
    return pool.preparedQuery("INSERT INTO notification_channels (tenant_id, name, url, secret, workflow_name, kinds) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, name) DO UPDATE SET url = EXCLUDED.url, "
            + "secret = EXCLUDED.secret, workflow_name = EXCLUDED.workflow_name, kinds = EXCLUDED.kinds, "
            + "updated_at = now() RETURNING name, url, workflow_name, kinds, updated_at")
        .execute(Tuple.of(tenant, channel.getName(), channel.getUrl(), channel.getSecret(), channel.getWorkflowName(),
            channel.getKindsList().toArray(new String[0])))
        .map(rows -> toProto(rows.iterator().next()));
  }

  public Future<List<NotificationChannel>> list(String tenant) {
    return pool.preparedQuery("SELECT name, url, workflow_name, kinds, updated_at FROM notification_channels "
            + "WHERE tenant_id = $1 ORDER BY name")
        .execute(Tuple.of(tenant))
        .map(rows -> {
          List<NotificationChannel> channels = new ArrayList<>();
          rows.forEach(r -> channels.add(toProto(r)));
          return channels;
        });
  }

  /** Removes the channel and the deliveries to it that are not done yet (the log of done ones stays). */
  public Future<Void> delete(String tenant, String name) {
    if (name.isEmpty()) {
      return Future.failedFuture(OrchestratorException.invalid("name: required"));
    }
    return pool.withTransaction(conn -> conn
        .preparedQuery("DELETE FROM notification_channels WHERE tenant_id = $1 AND name = $2")
        .execute(Tuple.of(tenant, name))
        .compose(deleted -> {
          if (deleted.rowCount() == 0) {
            return Future.failedFuture(OrchestratorException.notFound("name: no notification channel '" + name + "'"));
          }
          return conn.preparedQuery("DELETE FROM notification_deliveries WHERE tenant_id = $1 AND channel = $2 "
                  + "AND status IN ('PENDING', 'SENDING')")
              .execute(Tuple.of(tenant, name)).mapEmpty();
        }));
  }

  private static void validate(NotificationChannel channel) {
    if (!NAME.matcher(channel.getName()).matches()) {
      throw OrchestratorException.invalid("channel.name: '" + channel.getName()
          + "' (expected: lower-case letters, digits and '-', at most 63)");
    }
    String url = channel.getUrl();
    try {
      URI uri = new URI(url);
      if (url.length() > MAX_URL || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new URISyntaxException(url, "not an absolute http(s) URL of at most " + MAX_URL + " characters");
      }
    } catch (URISyntaxException e) {
      throw OrchestratorException.invalid("channel.url: '" + url + "' (expected: an absolute http(s) URL): "
          + e.getReason());
    }
    String secret = channel.getSecret();
    if (secret.length() < WebhookSigner.MIN_SECRET_LENGTH || secret.length() > MAX_SECRET || secret.isBlank()) {
      throw OrchestratorException.invalid("channel.secret: " + secret.length() + " characters (expected: "
          + WebhookSigner.MIN_SECRET_LENGTH + ".." + MAX_SECRET + ", e.g. 32 random bytes hex-encoded; "
          + "receivers verify X-Baton-Signature with it)");
    }
    for (int i = 0; i < channel.getKindsCount(); i++) {
      if (!KIND.matcher(channel.getKinds(i)).matches()) {
        throw OrchestratorException.invalid("channel.kinds[" + i + "]: '" + channel.getKinds(i)
            + "' (expected: a kind like EXECUTION_FAILED, STEP_RETRIES_EXHAUSTED, CIRCUIT_OPENED)");
      }
    }
  }

  private static NotificationChannel toProto(Row row) {
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    return NotificationChannel.newBuilder()
        .setName(row.getString("name"))
        .setUrl(row.getString("url"))
        .setWorkflowName(row.getString("workflow_name"))
        .addAllKinds(List.of(row.getArrayOfStrings("kinds")))
        .setUpdateTime(Timestamp.newBuilder().setSeconds(updated.toEpochSecond()).setNanos(updated.getNano()))
        .build();
  }
}
