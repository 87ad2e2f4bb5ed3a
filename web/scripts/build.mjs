// Builds the dashboard and the Node test clients; run by Maven (see pom.xml), which passes the
// protoc it downloaded and the output directories. Steps: npm ci (when package-lock.json is newer
// than node_modules), protoc + protoc-gen-es -> src/gen, tsc type check, esbuild bundles.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (!m) throw new Error(`unexpected argument ${a} (expected --name=value)`);
  return [m[1], m[2]];
}));
for (const required of ["protoc", "proto-include", "protos", "out", "node-out"]) {
  if (!args[required]) throw new Error(`missing --${required}=...`);
}

function run(cmd, cmdArgs) {
  execFileSync(cmd, cmdArgs, { cwd: root, stdio: "inherit" });
}

// npm ci wipes node_modules; skip it while the installed tree matches the lock file
const installed = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  // --prefer-offline: the npm cache first, the registry only for what it lacks (npm's --offline
  // fails on metadata requests even when every tarball is cached)
  run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
}

const gen = join(root, "src", "gen");
rmSync(gen, { recursive: true, force: true });
mkdirSync(gen, { recursive: true });
chmodSync(args.protoc, 0o755); // Maven copies artifacts without the executable bit
const protos = readdirSync(join(args.protos, "baton", "v1")).filter((f) => f.endsWith(".proto")).map((f) => `baton/v1/${f}`);
run(args.protoc, [
  `--plugin=protoc-gen-es=${join(root, "node_modules", ".bin", "protoc-gen-es")}`,
  `--es_out=${gen}`,
  "--es_opt=target=ts",
  `-I${args.protos}`,
  `-I${args["proto-include"]}`,
  ...protos,
]);

run(join(root, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", root]);

const esbuild = await import("esbuild");
rmSync(args.out, { recursive: true, force: true });
mkdirSync(args.out, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, "src", "main.ts")],
  outfile: join(args.out, "app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
for (const file of ["index.html", "style.css"]) {
  copyFileSync(join(root, "src", file), join(args.out, file));
}

// the clients the dev ITs run: generated code bundled in, npm packages resolved from web/node_modules
await esbuild.build({
  entryPoints: readdirSync(join(root, "test")).filter((f) => f.endsWith(".ts")).map((f) => join(root, "test", f)),
  outdir: args["node-out"],
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
console.log(`web: dashboard -> ${args.out}, test clients -> ${args["node-out"]}`);
