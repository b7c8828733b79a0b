# fleet-api image. Build from the repository root (compose does this for you):
#   docker build -f infra/fleet-api.Dockerfile -t wingxtra/fleet-api .
# No secret is baked in: .env files are left out of the build context (fleet-api.Dockerfile.dockerignore);
# pass the environment at run time (compose reads apps/fleet-api/.env).
FROM node:20-slim

WORKDIR /app
RUN npm i -g pnpm@10.34.9

# The whole workspace, so the lockfile matches every workspace package; node_modules and dist are ignored.
COPY . .
RUN pnpm install --frozen-lockfile
# fleet-api and the workspace packages it depends on (@wingxtra/contracts).
RUN pnpm --filter "@wingxtra/fleet-api..." build

ENV NODE_ENV=production
USER node
EXPOSE 8000
CMD ["node", "apps/fleet-api/dist/main.js"]
