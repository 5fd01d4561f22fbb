# syntax=docker/dockerfile:1
# k8s-release-bot image: compiled JavaScript and production dependencies only, runs as an unprivileged user.
#
#   docker build -t k8s-release-bot .
#   docker build --secret id=ca,src=corporate-ca.pem -t k8s-release-bot .   # behind TLS inspection
#   docker run --rm -it k8s-release-bot                                   # console adapter (no tokens)
#   docker run --rm --env-file .env -p 3000:3000 \
#     -v k8s-release-bot-data:/var/lib/k8s-release-bot k8s-release-bot    # Slack and/or Discord
#
# The custom CA (a PEM file) is used by npm while building and never lands in a layer.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- dependencies: better-sqlite3 compiles its native addon when no prebuilt binary fits ----
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=ca,required=false \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 # better-sqlite3's build leftovers (SQLite sources, object files, the test extension): only the addon is loaded.
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps build/Release/test_extension.node \
    build/Release/sqlite3.a build/deps build/*.mk build/Makefile build/config.gypi

# ---- build: the TypeScript compiler checks src/ and adapters/, esbuild bundles them into dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=ca,required=false \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi \
 && npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/bundle-main.mjs scripts/warm-compile-cache.mjs ./scripts/
COPY src ./src
COPY adapters ./adapters
RUN npm run typecheck && npm run build

# ---- runtime: no compilers, no TypeScript, no npm cache, no dev dependencies ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/var/lib/k8s-release-bot \
    NODE_COMPILE_CACHE=/app/.compile-cache
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/warm-compile-cache.mjs ./scripts/warm-compile-cache.mjs
COPY package.json ./
COPY data ./data
# The SQLite file lives here; mount a volume over it to keep subscriptions across restarts.
RUN mkdir -p /var/lib/k8s-release-bot /app/.compile-cache \
 && chown 1000:1000 /var/lib/k8s-release-bot /app/.compile-cache
# uid 1000 is the image's "node" user; numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
# V8's compiled code for the bundle, made now by the user and the Node.js that run it (Node keeps one cache per
# user and version), so no start compiles it; at run time the read-only root filesystem only reads it.
RUN node scripts/warm-compile-cache.mjs
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# One process, node itself (not npm, no run-time transpiler), so SIGTERM reaches the bot and it shuts down gracefully.
ENTRYPOINT ["node", "dist/adapters/main.js"]
