# Any Node service host of the monorepo, chosen with the APP build argument:
#   docker build -f deploy/Dockerfile.app --build-arg APP=gateway .
# (gateway, service-catalog, relay, projector; the embedded platform has deploy/Dockerfile.platform.)

FROM node:20-bookworm-slim AS build
ARG APP
RUN test -n "$APP" || (echo "set --build-arg APP=<app under apps/>" && exit 1)
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx build ${APP} --outputStyle=static

FROM node:20-bookworm-slim AS runtime
ARG APP
WORKDIR /app
ENV NODE_ENV=production PORT=3000 APP=${APP}
COPY package.json package-lock.json ./
# Runtime dependencies only; webpack leaves node_modules external.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /repo/dist/apps/${APP} ./dist/app
USER node
EXPOSE 3000
CMD ["node", "dist/app/main.js"]
