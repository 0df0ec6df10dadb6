# Switchyard image: switchyard-server (default entrypoint), switchyard-reconciler and vsctl
# (dist/bin/vsctl.mjs), built in two
# stages — compile with dev dependencies, run with production ones as the non-root `node` user.
# Kept to what old engines build: no syntax directive, no heredocs, no COPY --link.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its addon when no prebuilt binary can be fetched: build tools, and the
# Node headers the image ships in /usr/local/include/node (no download from nodejs.org).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY schema ./schema
COPY protocol ./protocol
COPY client ./client
COPY server ./server
COPY reconciler ./reconciler
COPY cli ./cli
COPY scripts/bundle-cli.mjs ./scripts/
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schema/vswitch.ovsschema schema/_server.ovsschema ./schema/
COPY server/http/public ./server/http/public
# The database lives in /data: a fresh named volume takes this directory's owner.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 6640 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Both programs exit cleanly on SIGTERM; compose also runs them under an init.
ENTRYPOINT ["node", "dist/server/main.js"]
CMD ["--db", "/data/conf.db", "--remote", "ptcp:6640:0.0.0.0", "--remote", "punix:/data/db.sock", "--http", "0.0.0.0:8080"]
