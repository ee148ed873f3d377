# The juez executor image. Build from the repository root:
#   docker build -f infra/docker/executor.Dockerfile -t juez-executor .
# Stage 1 is dispatcher.Dockerfile's (built once for both). The executor starts its sandboxes through the
# host's Docker socket, which must be mounted at /var/run/docker.sock, and uses the runtime image already
# on that host (JUEZ_RUNTIME_IMAGE): it cannot build one itself (no debootstrap, no Docker CLI here).
#
# User: `node`, given the socket's group at run time (compose: group_add DOCKER_GID; Kubernetes:
# supplementalGroups). Whoever can use the Docker socket controls the host, so this is no sandbox for the
# executor itself; not being root in its own container only keeps a mistake from changing the image's
# files. The programs it judges run in the separate, locked-down sandbox containers.
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
ENV NODE_ENV=production \
    PACKAGE_CACHE_DIR=/var/cache/juez/packages
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY common/languages.yaml common/languages.yaml
# The runtime image recipe: its hash is the tag the executor expects when JUEZ_RUNTIME_IMAGE is not set.
COPY executor/image executor/image
# A named volume mounted here starts with this directory's owner: the node user can write the cache.
RUN install -d -o node -g node -m 0750 /var/cache/juez/packages
USER node
# SIGTERM: stop taking tasks, finish the running ones within SHUTDOWN_GRACE_SECONDS, remove the sandboxes.
STOPSIGNAL SIGTERM
CMD ["node", "dist/executor/main.js"]
