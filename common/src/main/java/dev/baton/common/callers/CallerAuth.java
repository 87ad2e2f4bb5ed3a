package dev.baton.common.callers;

import dev.baton.common.auth.AuthConfig;
import dev.baton.common.auth.AuthInterceptor;
import dev.baton.common.auth.AuthSchema;
import dev.baton.common.auth.KeyRingSource;
import dev.baton.common.auth.LiveKeyRing;
import dev.baton.common.auth.MethodAccess;

import dev.baton.common.audit.AuditInterceptor;
import dev.baton.common.audit.AuditLog;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.vertx.PeriodicPass;
import io.grpc.ServerInterceptor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service needs to know its callers (a package of its own: it assembles {@code auth} and
 * {@code audit}, and audit depends on auth): the key ring (kept current), the audit log (with its
 * retention) and the two interceptors, in the order {@code ServiceServer.Spec} wants them. Every
 * service builds it the same way from its pool and {@link MethodAccess} table.
 */
public final class CallerAuth {
  private static final Logger log = LoggerFactory.getLogger(CallerAuth.class);

  private final LiveKeyRing keys;
  private final AuditLog audit;
  private final MethodAccess access;
  private final String service;
  private final Clock clock;
  private final PeriodicPass retention;

  private CallerAuth(Vertx vertx, LiveKeyRing keys, AuditLog audit, MethodAccess access, String service,
      AuthConfig config, Clock clock) {
    this.keys = keys;
    this.audit = audit;
    this.access = access;
    this.service = service;
    this.clock = clock;
    this.retention = new PeriodicPass(vertx, Duration.ofMinutes(10), clock, log, List.of(
        PeriodicPass.step("deleting audit entries past BATON_AUDIT_RETENTION",
            () -> audit.deleteOlderThan(clock.instant().minus(config.auditRetention())))));
  }

  /** Migrates schema auth (blocking, as every service's own migrations), then loads the keys. */
  public static Future<CallerAuth> start(Vertx vertx, Pool pool, PostgresConfig postgres, AuthConfig config,
      MethodAccess access, String service, Clock clock) {
    Objects.requireNonNull(access, "access");
    AuthSchema.migrate(postgres);
    return new LiveKeyRing(vertx, new KeyRingSource(pool), config.refreshInterval(), clock).start()
        .map(keys -> {
          CallerAuth auth = new CallerAuth(vertx, keys, new AuditLog(pool), access, service, config, clock);
          auth.retention.start();
          return auth;
        });
  }

  /** Authentication first, then auditing (ServiceServer runs the last of its list first). */
  public List<ServerInterceptor> interceptors() {
    return List.of(new AuditInterceptor(audit, access, service, clock), new AuthInterceptor(keys, access));
  }

  public LiveKeyRing keys() {
    return keys;
  }

  /** Safe to call twice. */
  public Future<Void> stop() {
    retention.stop();
    return keys.stop();
  }
}
