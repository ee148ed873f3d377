# The juez dispatcher image. Build from the repository root:
#   docker build -f infra/docker/dispatcher.Dockerfile -t juez-dispatcher .
# Stage 1 compiles the TypeScript (dev dependencies included); stage 2 holds the compiled JavaScript, the
# production dependencies and the languages table, owned by root and run as the unprivileged `node` user.
# Both juez Dockerfiles share stage 1 instruction for instruction, so Docker builds it once for both.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY common common
COPY dispatcher dispatcher
COPY executor executor
COPY infra/docker/tsconfig.services.json infra/docker/
COPY infra/health infra/health
RUN npx tsc -p infra/docker/tsconfig.services.json && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# package.json says "type": "module": the compiled files are ES modules.
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY common/languages.yaml common/languages.yaml
USER node
EXPOSE 8080
# The dispatcher's Node options: dispatcher/node-options.ts.
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=512", "dist/dispatcher/main.js"]
