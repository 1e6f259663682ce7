#!/usr/bin/env bash
# `npm run dev`: installs what is missing (Node 24, n8n, once, into a cache
# outside the repo), builds and packs this package, installs it into a dev
# n8n user folder as a community package, and runs n8n in the foreground on
# http://localhost:5678 with SQLite. Ctrl-C stops it; data persists between runs.
#   --https             serve https://localhost:5678 with a self-signed certificate (made once in
#                       <cache>/dev-cert) through n8n's N8N_PROTOCOL/N8N_SSL_KEY/N8N_SSL_CERT, so
#                       resume URLs are https (Vidgen's Resume on Webhook Callback); same as
#                       N8N_PROTOCOL=https npm run dev
#   N8N_WEBHOOK_URL     public URL for webhooks and resume URLs (e.g. an https tunnel to this
#   (or WEBHOOK_URL)    port); n8n reads N8N_WEBHOOK_URL first
#   N8N_AI_MEDIA_CACHE  cache folder (default ~/.cache/n8n-nodes-ai-media)
#   N8N_AI_MEDIA_PORT   port (default 5678)
set -euo pipefail
cd "$(dirname "$0")/.."

HTTPS=0
if [ "${N8N_PROTOCOL:-http}" = https ]; then HTTPS=1; fi
for arg in "$@"; do
	case "$arg" in
		--https) HTTPS=1 ;;
		--queue) exec node scripts/queue/dev.js "$@" ;; # queue mode: see scripts/queue/dev.js
		*)
			echo "npm run dev: unknown option '$arg' (known: --https, --queue)" >&2
			exit 2
			;;
	esac
done

node scripts/ensure-n8n.js

CACHE="$(node -e 'process.stdout.write(require("./scripts/n8n-env").paths().cache)')"
USER_FOLDER="$CACHE/dev-user"
PORT="${N8N_AI_MEDIA_PORT:-5678}"

node scripts/pack-into-n8n.js --user-folder "$USER_FOLDER"

ENV_ARGS=(--shell "$USER_FOLDER" "$PORT")
if [ "$HTTPS" = 1 ]; then ENV_ARGS+=(--https); fi
eval "$(node scripts/n8n-env.js "${ENV_ARGS[@]}")"

cat <<EOF

  n8n with n8n-nodes-ai-media:  $N8N_EDITOR_BASE_URL
  webhook and resume URLs:      $N8N_WEBHOOK_URL
  cache (Node 24, n8n):         $CACHE
  n8n data (SQLite, settings):  $USER_FOLDER/.n8n
  First visit asks you to create the owner account. Ctrl-C stops n8n.
EOF
if [ "$HTTPS" = 1 ]; then
	cat <<EOF
  The certificate is self-signed: accept the browser's warning once. Callers that check it
  (curl --cacert, a local test server) can trust $N8N_SSL_CERT
EOF
fi
echo

exec "$N8N_AI_MEDIA_NODE" "$N8N_AI_MEDIA_N8N_BIN" start
