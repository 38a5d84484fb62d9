# syntax=docker/dockerfile:1
# The silkwatch image: the TypeScript sources run through tsx (a runtime dependency), so there is
# no build step; `npm ci` installs the locked runtime dependencies and generates the Prisma client.
# Default command: `silkwatch run` (scheduler, all workers and GET /health on HTTP_PORT, 8080).
# The same image runs `worker --queues ...`, `scheduler`, `serve` or `migrate` given another command.
FROM node:20-bookworm-slim

# Production: `npm ci` leaves out the devDependencies (typescript, vitest, test-only mail
# libraries); nothing under bin/ cli/ config/ crawlers/ db/ digests/ http/ queues/ workers/ needs them.
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app

# What the install needs, first, so the dependency layer is rebuilt only when these change: the
# postinstall (scripts/prisma-generate.mjs) generates the Prisma client from prisma/schema.prisma
# (configured by prisma.config.ts) into db/generated.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ prisma/
COPY scripts/ scripts/

# Install scripts: package.json's `allowScripts` approves none of the dependencies' scripts
# (@prisma/engines, prisma, esbuild, msgpackr-extract), and npm 11 honours it; the npm 10 bundled
# with Node 20 ignores `allowScripts` and would run them all, among them @prisma/engines'
# download of native engines silkwatch never uses (harmless where the network answers, a wait or
# a failure where it does not). `--ignore-scripts` gives the same install with npm 10 and 11 (the
# one developers and CI run), and `npm run postinstall` then runs our own script explicitly.
RUN node -e "const [a, b] = process.versions.node.split('.').map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error('silkwatch needs Node >= 20.19, this image has ' + process.version); process.exit(1); }" \
 && npm ci --ignore-scripts \
 && npm run postinstall \
 && npm cache clean --force

# The rest of the sources (.dockerignore keeps node_modules and db/generated out, so the layer
# above is not overwritten by the build machine's copies).
COPY . .

# The code stays root-owned and read-only for the process; it writes only the outbox (.eml files
# when SMTP_URL is unset) and Crawlee's ./storage. Created here so a named volume mounted on
# /app/outbox starts out owned by `node`.
RUN mkdir -p outbox storage && chown node:node outbox storage
USER node

EXPOSE 8080

# No curl in slim images: Node's fetch. /health answers 200 when PostgreSQL and Redis answer.
# Only `run` and `serve` listen; give `worker`/`scheduler` containers `--no-healthcheck` (or
# `healthcheck: { disable: true }` in compose).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/health', { signal: AbortSignal.timeout(5000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]

# node as PID 1: silkwatch handles SIGTERM/SIGINT itself (closes workers, queues, Redis, Prisma).
CMD ["node", "bin/silkwatch.js", "run"]
