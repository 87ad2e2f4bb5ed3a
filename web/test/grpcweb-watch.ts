// A gRPC-Web client outside the browser: streams WatchExecution from progress-svc with
// connect-web's transport (the dashboard's own code path) and prints what it received as one
// JSON object on stdout for the dev IT GrpcWebWatchIT to check.
// Usage: node grpcweb-watch.mjs --url=http://localhost:7234 --execution=ID [--resume-after=N] [--api-key=KEY]
// (without --api-key the calls carry no authorization header)
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { ExecutionStatus, StepStatus } from "../src/gen/baton/v1/execution_pb.js";
import { ExecutionEvent_Type } from "../src/gen/baton/v1/execution_event_pb.js";
import { ProgressService } from "../src/gen/baton/v1/progress_pb.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split(/=(.*)/s).slice(0, 2)));
const url = args.url;
const executionId = args.execution;
if (!url || !executionId) {
  console.error("usage: grpcweb-watch.mjs --url=URL --execution=ID [--resume-after=N] [--api-key=KEY]");
  process.exit(2);
}

const transport = createGrpcWebTransport({
  baseUrl: url,
  interceptors: [(next) => (req) => {
    if (args["api-key"]) req.header.set("authorization", `Bearer ${args["api-key"]}`);
    return next(req);
  }],
});
const client = createClient(ProgressService, transport);

const updates: object[] = [];
let error: { code: string; message: string } | null = null;
try {
  for await (const u of client.watchExecution({ executionId, resumeAfter: BigInt(args["resume-after"] ?? "0") },
      { timeoutMs: 60_000 })) {
    const p = u.progress;
    updates.push({
      snapshot: u.snapshot,
      eventSequence: u.event ? Number(u.event.sequence) : null,
      eventType: u.event ? ExecutionEvent_Type[u.event.type] : null,
      stepId: u.event?.stepId ?? null,
      sequence: p ? Number(p.sequence) : null,
      status: p ? ExecutionStatus[p.status] : null,
      percent: p?.percent ?? null,
      steps: p?.steps.map((s) => ({ id: s.stepId, status: StepStatus[s.status], attempts: s.attempts.length })) ?? [],
    });
  }
} catch (err) {
  const ce = ConnectError.from(err);
  error = { code: String(ce.code), message: ce.rawMessage };
}
process.stdout.write(JSON.stringify({ updates, error }) + "\n");
