# simulator image: simulated fleet, GCS bridge and demo driver (development and load tests only).
# Build from the repository root (compose does this for you):
#   docker build -f infra/simulator.Dockerfile -t wingxtra/simulator .
# Two stages: the build stage installs the whole workspace and builds simulator and the workspace packages it
# uses, then keeps only their production dependencies; the runtime stage copies that and runs as the
# unprivileged "node" user. No secret is baked in (.env files are left out of the build context by
# simulator.Dockerfile.dockerignore); pass the environment at run time.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN npm i -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter "@wingxtra/simulator..." build
# Development dependencies out (CI=true: pnpm re-links without asking); the built dist folders stay.
RUN CI=true pnpm install --frozen-lockfile --prod --filter "@wingxtra/simulator..."

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/packages ./packages
COPY --from=build --chown=node:node /app/apps/simulator ./apps/simulator
# The drones' own fleet-api keys, kept across restarts (mount a volume here).
RUN mkdir -p /app/apps/simulator/var && chown -R node:node /app/apps/simulator/var
USER node
WORKDIR /app/apps/simulator
EXPOSE 8003
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:8003/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
