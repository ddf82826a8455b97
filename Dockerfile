# syntax=docker/dockerfile:1
# chatwoot-graphql-gateway: build with the dev tools, run with production dependencies only.
# The commands below are those of deploy/production.json; test/deploy/dockerfile.test.ts keeps the two in step, and
# test/deploy/productionInstall.test.ts runs the same commands on a clean copy of the checkout.

# --- build: full install (TypeScript, codegen), compile, then drop the devDependencies ---
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: no compiler, no npm lifecycle, a non-root user ---
FROM node:20.20-bookworm-slim AS runtime
# No heap flags: the gateway bounds its own heap growth (GATEWAY_HEAP_GROWING_PERCENT, README "Memory").
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/schema ./schema
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 4000
# Node itself, not curl (the slim image has none): /healthz answers while the process serves HTTP.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, node as PID 1: SIGTERM reaches the gateway itself, which drains in-flight requests (not npm, not a shell).
CMD ["node", "dist/src/main.js"]
