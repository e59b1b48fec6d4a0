# syntax=docker/dockerfile:1
# A small image of the CLI `genova-sessions` for a container platform's cron job: the daily
# rolling-window run (`maintain`) against the platform's PostgreSQL, DATABASE_URL from the
# environment. It holds only the static musl binary (no shell, no libc, no OpenSSL: sqlx
# uses rustls with compiled-in roots, the tz database is compiled in), run as a non-root user.
#
# Build the binaries first, then the image (linux/amd64 and/or linux/arm64):
#   bash scripts/release-cli.sh x86_64-unknown-linux-musl aarch64-unknown-linux-musl
#   docker buildx build --platform linux/amd64,linux/arm64 -t genova-sessions .
# Run:
#   docker run --rm -e DATABASE_URL=postgres://user:pass@host/db genova-sessions
#   docker run --rm -e DATABASE_URL=... genova-sessions maintain --reconcile --format json

# BuildKit sets TARGETARCH (amd64, arm64); the classic builder does not, hence the default below.
ARG TARGETARCH

# One stage per architecture, chosen by BuildKit's TARGETARCH (scratch has no shell to map
# amd64 → x86_64); only the chosen one's binary has to exist in dist/.
FROM scratch AS bin-amd64
COPY dist/x86_64-unknown-linux-musl/genova-sessions /genova-sessions

FROM scratch AS bin-arm64
COPY dist/aarch64-unknown-linux-musl/genova-sessions /genova-sessions

# hadolint ignore=DL3006
FROM bin-${TARGETARCH:-amd64}
LABEL org.opencontainers.image.title="genova-sessions" \
      org.opencontainers.image.description="Genova recurring tutoring sessions: migrate and maintain the rolling window (PostgreSQL, SQLite)" \
      org.opencontainers.image.source="https://github.com/genova/genova-sessions" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
# nobody's uid/gid as in distroless' nonroot; nothing in the image needs to be written.
USER 65532:65532
WORKDIR /
ENTRYPOINT ["/genova-sessions"]
# The cron job: fill the 4-week window of every active class, one JSON line for the platform's
# logs. Exit 1 when a class failed or the database stopped the run.
CMD ["maintain", "--weeks", "4", "--format", "json"]
