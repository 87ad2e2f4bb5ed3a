// The gRPC-Web endpoints the dashboard talks to: progress-svc (the origin that served the page)
// for live progress, the orchestrator (another origin, hence CORS) for definitions and starting
// executions, and analytics-svc (CORS too) for bottleneck reports. Every call carries the API key
// the tab signed in with; the key decides the tenant.
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AnalyticsService } from "./gen/baton/v1/analytics_pb.js";
import { ProgressService } from "./gen/baton/v1/progress_pb.js";
import { WorkflowService } from "./gen/baton/v1/workflow_service_pb.js";

/** What progress-svc serves at /dashboard/config.json. */
export interface DashboardConfig {
  orchestratorUrl: string;
  analyticsUrl: string;
}

export interface Api {
  config: DashboardConfig;
  progress: Client<typeof ProgressService>;
  workflows: Client<typeof WorkflowService>;
  analytics: Client<typeof AnalyticsService>;
}

export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`config.json: HTTP ${response.status}`);
  }
  return (await response.json()) as DashboardConfig;
}

/**
 * Clients that send `authorization: Bearer <key>` with every call. A call answered UNAUTHENTICATED
 * (the key was revoked or expired meanwhile) tells {@code onUnauthenticated} the server's reason,
 * then fails as it would have.
 */
export function connect(config: DashboardConfig, key: string, onUnauthenticated: (reason: string) => void): Api {
  const noticed = (err: unknown): unknown => {
    const refused = ConnectError.from(err);
    if (refused.code === Code.Unauthenticated) onUnauthenticated(refused.rawMessage);
    return err;
  };
  // a stream's status may come with its headers (the call fails) or after messages (iterating fails)
  async function* watched<T>(messages: AsyncIterable<T>): AsyncIterable<T> {
    try {
      yield* messages;
    } catch (err) {
      throw noticed(err);
    }
  }
  const bearer: Interceptor = (next) => async (req) => {
    req.header.set("authorization", `Bearer ${key}`);
    try {
      const res = await next(req);
      return res.stream ? { ...res, message: watched(res.message) } : res;
    } catch (err) {
      throw noticed(err);
    }
  };
  const transport = (baseUrl: string) => createGrpcWebTransport({ baseUrl, interceptors: [bearer] });
  return {
    config,
    progress: createClient(ProgressService, transport(location.origin)),
    workflows: createClient(WorkflowService, transport(config.orchestratorUrl)),
    analytics: createClient(AnalyticsService, transport(config.analyticsUrl)),
  };
}
