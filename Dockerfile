# syntax=docker/dockerfile:1
# k8s-release-bot image: production dependencies only, runs as an unprivileged user.
#
#   docker build -t k8s-release-bot .
#   docker run --rm -it k8s-release-bot                                   # console adapter (no tokens)
#   docker run --rm --env-file .env -p 3000:3000 \
#     -v k8s-release-bot-data:/var/lib/k8s-release-bot k8s-release-bot    # Slack and/or Discord
#
# The bot runs its TypeScript sources through tsx (a runtime dependency), so there is no compile step.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies: better-sqlite3 compiles its native addon when no prebuilt binary fits ----
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: no compilers, no npm cache, no dev dependencies ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/var/lib/k8s-release-bot
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY data ./data
# The SQLite file lives here; mount a volume over it to keep subscriptions across restarts.
RUN mkdir -p /var/lib/k8s-release-bot && chown 1000:1000 /var/lib/k8s-release-bot
# uid 1000 is the image's "node" user; numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the bot and it shuts down gracefully.
ENTRYPOINT ["node", "--import", "tsx", "adapters/main.ts"]
