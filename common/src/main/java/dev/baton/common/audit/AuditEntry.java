package dev.baton.common.audit;

import java.time.Instant;
import java.util.List;

/** One state-changing call, as the audit log keeps it. {@code tenant} is null for platform-wide keys. */
public record AuditEntry(Instant at, String tenant, String actorKeyId, String actorName, String method,
    List<String> targets, String outcome, String service) {}
