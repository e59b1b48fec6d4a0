#!/usr/bin/env bash
# Writes prisma/v5/schema.prisma: ../schema.prisma as a Prisma 5 schema (the prisma-client-js
# generator into node_modules, no Prisma 7 generator options, a datasource url), so both clients
# come from one schema.
set -euo pipefail
cd "$(dirname "$0")"
sed -e 's/provider            = "prisma-client"/provider = "prisma-client-js"/' \
    -e '/output              = /d' -e '/moduleFormat/d' -e '/importFileExtension/d' -e '/^  compilerBuild/d' \
    -e 's/^  provider = "postgresql"$/  provider = "postgresql"\n  url      = env("DATABASE_URL")/' \
    ../schema.prisma > schema.prisma
