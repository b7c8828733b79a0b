# analytics-worker image: telemetry history, flights and their metrics.
# Build from the repository root (compose does this for you):
#   docker build -f infra/analytics-worker.Dockerfile -t wingxtra/analytics-worker .
# Two stages: the build stage installs the whole workspace and builds analytics-worker and the workspace packages it
# uses, then keeps only their production dependencies; the runtime stage copies that and runs as the
# unprivileged "node" user. No secret is baked in (.env files are left out of the build context by
# analytics-worker.Dockerfile.dockerignore); pass the environment at run time.
# The container migrates its database (creating it when missing) before it serves; migrations take an advisory
# lock, so replicas starting together are safe. In Kubernetes the migration runs as an init container instead.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN npm i -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter "@wingxtra/analytics-worker..." build
# Development dependencies out (CI=true: pnpm re-links without asking); the built dist folders stay.
RUN CI=true pnpm install --frozen-lockfile --prod --filter "@wingxtra/analytics-worker..."

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/packages ./packages
COPY --from=build --chown=node:node /app/apps/analytics-worker ./apps/analytics-worker
USER node
WORKDIR /app/apps/analytics-worker
EXPOSE 8002
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:8002/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["sh", "-c", "node dist/database/migrate.cli.js && exec node dist/main.js"]
