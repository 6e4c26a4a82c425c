#!/usr/bin/env bash
# Builds the site, then serves web-demo/ on this machine only.
# Usage: bash web-demo/serve.sh        (PORT=9000 bash web-demo/serve.sh for another port)
set -euo pipefail
cd "$(dirname "$0")/.."

bash web-demo/build.sh
port=${PORT:-8000}
echo "web-demo: open http://127.0.0.1:$port/ (Ctrl+C stops the server)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory web-demo
