# Casebook's server image. better-sqlite3 compiles from source, so the build
# stage has a compiler; the runtime stage has only what runs.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json tsconfig.web.json ./
COPY scripts ./scripts
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# Listen on every interface inside the container; publish the port to choose who reaches it.
ENV NODE_ENV=production CASEBOOK_DATA_DIR=/data PORT=4000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4000
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["serve"]
