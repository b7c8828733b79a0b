# analytics-worker image. Build from the repository root (compose does this for you):
#   docker build -f infra/analytics-worker.Dockerfile -t wingxtra/analytics-worker .
# No secret is baked in (.env files are left out of the build context); pass the environment at run time.
# The container migrates the database (creating it when missing) before it starts the server.
FROM node:20-slim

WORKDIR /app
RUN npm i -g pnpm@10.34.9

COPY . .
RUN pnpm install --frozen-lockfile
# analytics-worker and the workspace packages it depends on; the Prisma Client is generated offline during the build.
RUN pnpm --filter "@wingxtra/analytics-worker..." build

ENV NODE_ENV=production
USER node
WORKDIR /app/apps/analytics-worker
EXPOSE 8002
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:8002/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["sh", "-c", "node dist/database/migrate.cli.js && exec node dist/main.js"]
