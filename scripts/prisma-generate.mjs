// postinstall: `prisma generate` on machines that cannot download Prisma's native engines.
// Every prisma CLI command first "ensures" the native schema engine binary and tries to download
// it (unreachable here). generate never runs that binary (it parses the schema with bundled WASM),
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips the download; node
// itself is one that exists on every machine. A user-provided value is kept.
// Plain Node ESM (no tsx): it runs during `npm install`, before anything else can be relied on.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= process.execPath;

// stdout of prisma goes to our stderr: npm may be piping stdout of the install to something.
const res = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: ['inherit', process.stderr, 'inherit'] });
if (res.error) {
  console.error(`prisma-generate: cannot run ${cli}: ${res.error.message}`);
  process.exit(1);
}
process.exit(res.status ?? 1);
