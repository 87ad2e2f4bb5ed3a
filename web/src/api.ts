// The gRPC-Web endpoints the dashboard talks to: progress-svc (the origin that served the page)
// for live progress, the orchestrator (another origin, hence CORS) for definitions and starting
// executions, and analytics-svc (CORS too) for bottleneck reports. Every call carries the tenant header.
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AnalyticsService } from "./gen/baton/v1/analytics_pb.js";
import { ProgressService } from "./gen/baton/v1/progress_pb.js";
import { WorkflowService } from "./gen/baton/v1/workflow_service_pb.js";

/** What progress-svc serves at /dashboard/config.json. */
export interface DashboardConfig {
  orchestratorUrl: string;
  analyticsUrl: string;
  tenant: string;
}

export interface Api {
  config: DashboardConfig;
  progress: Client<typeof ProgressService>;
  workflows: Client<typeof WorkflowService>;
  analytics: Client<typeof AnalyticsService>;
}

export async function connect(): Promise<Api> {
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`config.json: HTTP ${response.status}`);
  }
  const served = (await response.json()) as DashboardConfig;
  // ?tenant=... lets one dashboard look at another tenant without a rebuild
  const tenant = new URLSearchParams(location.search).get("tenant") || served.tenant || "default";
  const config = { ...served, tenant };
  const withTenant: Interceptor = (next) => (req) => {
    req.header.set("x-baton-tenant", tenant);
    return next(req);
  };
  return {
    config,
    progress: createClient(ProgressService,
      createGrpcWebTransport({ baseUrl: location.origin, interceptors: [withTenant] })),
    workflows: createClient(WorkflowService,
      createGrpcWebTransport({ baseUrl: config.orchestratorUrl, interceptors: [withTenant] })),
    analytics: createClient(AnalyticsService,
      createGrpcWebTransport({ baseUrl: config.analyticsUrl, interceptors: [withTenant] })),
  };
}
