#!/usr/bin/env bash
# `npm run dev`: installs what is missing (Node 24, n8n, once, into a cache
# outside the repo), builds and packs this package, installs it into a dev
# n8n user folder as a community package, and runs n8n in the foreground on
# http://localhost:5678 with SQLite. Ctrl-C stops it; data persists between runs.
#   N8N_AI_MEDIA_CACHE  cache folder (default ~/.cache/n8n-nodes-ai-media)
#   N8N_AI_MEDIA_PORT   port (default 5678)
set -euo pipefail
cd "$(dirname "$0")/.."

node scripts/ensure-n8n.js

CACHE="$(node -e 'process.stdout.write(require("./scripts/n8n-env").paths().cache)')"
USER_FOLDER="$CACHE/dev-user"
PORT="${N8N_AI_MEDIA_PORT:-5678}"

node scripts/pack-into-n8n.js --user-folder "$USER_FOLDER"

eval "$(node scripts/n8n-env.js --shell "$USER_FOLDER" "$PORT")"

cat <<EOF

  n8n with n8n-nodes-ai-media:  http://localhost:$PORT
  cache (Node 24, n8n):         $CACHE
  n8n data (SQLite, settings):  $USER_FOLDER/.n8n
  First visit asks you to create the owner account. Ctrl-C stops n8n.

EOF

exec "$N8N_AI_MEDIA_NODE" "$N8N_AI_MEDIA_N8N_BIN" start
