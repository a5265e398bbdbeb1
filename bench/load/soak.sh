#!/usr/bin/env bash
# Soak run: the server at its default configuration (tile and block caches as shipped) under wrk at 64 connections
# for 10 minutes over soak.lua's mix (layer tiles, WMTS REST tiles, WMS GetMap, capabilities, 4xx requests).
# Prints wrk's figures, the answers per status class, socket errors, and the server's RSS sampled every 10 s.
#
#   bench/load/soak.sh [DATA_DIR]     the data and tile list of run.sh (made by it when absent)
#
# Env: DURATION (10m), CONNECTIONS (64), PORT (5098).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mkdir -p "${1:-$ROOT/bench/load/data}" && cd "${1:-$ROOT/bench/load/data}" && pwd)
DURATION=${DURATION:-10m} CONNECTIONS=${CONNECTIONS:-64} PORT=${PORT:-5098}
[[ -f $DATA/tiles.txt ]] || { echo "soak.sh: no $DATA/tiles.txt: run bench/load/run.sh $DATA first" >&2; exit 1; }
cat > "$DATA/soak.json" <<JSON
{
  "Sources": { "AllowedRoots": ["."] },
  "Layers": [
    { "Id": "b04", "Source": { "Type": "cog", "Url": "s2/S2B_36RTT_20240414_0_L2A/B04.tif" },
      "Render": { "Bidx": [1], "Rescale": [[0, 6000]] }, "TileMatrixSets": ["WebMercatorQuad"] }
  ]
}
JSON

dotnet build -c Release "$ROOT/src/Server" -v q -nologo >/dev/null
dotnet "$ROOT/src/Server/bin/Release/net10.0/linux-x64/OgcTiler.Server.dll" --config "$DATA/soak.json" \
  --urls "http://127.0.0.1:$PORT" --Logging:LogLevel:Default=Warning >"$DATA/soak-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $SAMPLER 2>/dev/null' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.5; done

( while kill -0 $SERVER 2>/dev/null; do
    echo "$(date +%s) $(awk '/VmRSS/ { print $2 }' "/proc/$SERVER/status")"; sleep 10
  done ) > "$DATA/soak-rss.txt" &
SAMPLER=$!
TILES="$DATA/tiles.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$ROOT/bench/load/soak.lua" \
  "http://127.0.0.1:$PORT" | tee "$DATA/soak-wrk.txt"
kill $SAMPLER
# RSS in MiB: first sample, then the second half's first, median and last samples and its range
awk '{ rss[NR] = $2 / 1024 } END {
  h = int(NR / 2) + 1; min = rss[h]; max = rss[h]
  for (i = h; i <= NR; i++) { if (rss[i] < min) min = rss[i]; if (rss[i] > max) max = rss[i] }
  printf "RSS MiB: start %.0f; second half: first %.0f, middle %.0f, last %.0f, range %.0f..%.0f (%d samples)\n",
    rss[1], rss[h], rss[int((h + NR) / 2)], rss[NR], min, max, NR - h + 1 }' "$DATA/soak-rss.txt"
echo "server log: $(grep -c "fail:" "$DATA/soak-server.log" || true) error entries, $(grep -c "warn:" "$DATA/soak-server.log" || true) warnings"
