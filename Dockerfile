# Colloquy's image: the production build, started with `npm start`.
# Point DATABASE_URL at a PostgreSQL server (see docker-compose.yml). At start the app
# migrates and serves on port 3000. The demo seminar (accounts with a published password) is not
# seeded in this image: COLLOQUY_SEED=true turns it on, for a trial only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
# npm 11 reads package.json's "allowScripts"; Node 20 ships npm 10.
RUN npm install -g npm@11

# Dependencies first, so this layer is reused while only the sources change. The postinstall
# step generates the Prisma client, which needs the schema and the Prisma config.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/
COPY scripts/generate-prisma-client.mjs scripts/
RUN npm ci

# The production build, run through the same code `npm start` uses: it runs `next build` with
# NODE_ENV=production and records the hash of the sources in .next/colloquy-build-hash.
# The image keeps exactly these sources, so at start the hash matches and nothing is rebuilt
# (nor could it be: the dev dependencies a build needs are pruned below).
# Prerendering reads the next-auth secret, so the build gets a placeholder; every page is
# rendered on request, and the real AUTH_SECRET is read at run time.
COPY . .
RUN AUTH_SECRET=build-time-placeholder-not-used-at-runtime \
    npx tsx -e "import('./scripts/build-if-needed.ts').then(({ buildIfNeeded }) => buildIfNeeded(process.env, console.log))" \
 && test -f .next/BUILD_ID && test -f .next/colloquy-build-hash \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false PORT=3000 COLLOQUY_SEED=false LOG_FORMAT=json
# Owned by the unprivileged user the app runs as (`node`, from the base image): next start
# writes its cache under .next/, and the app keeps a generated auth secret under .data/.
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["npm", "start"]
