#!/usr/bin/env bash
# Tile cache benchmarks (issue 14), each run at most 20 s: L1 hits at 64 connections, Redis L2 (a second server whose
# memory cache holds 1 MB) at 16 connections, 304 answers from If-None-Match, and seeding through the `seed` command.
#
#   bench/load/cache.sh [DATA_DIR]      the data and tile list of run.sh (generated there when missing)
#
# Env: DURATION (15s), PORT (5099; the L1-less server uses PORT+1, redis-server PORT+2), SEED_ZOOM (8-12).
# Prints wrk's figures, the server CPU per request (independent of other load on the machine) and the seed summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mkdir -p "${1:-$ROOT/bench/load/data}" && cd "${1:-$ROOT/bench/load/data}" && pwd)
MAKE_S2=${MAKE_S2:-/work/shared/bench/make-s2.sh}
TILES_PY=${TILES_PY:-/work/shared/bench/tiles.py}
DURATION=${DURATION:-15s} PORT=${PORT:-5099} SEED_ZOOM=${SEED_ZOOM:-8-12}
REDIS_PORT=$((PORT + 2))
B04=$DATA/s2/S2B_36RTT_20240414_0_L2A/B04.tif
[[ -f $B04 ]] || S2_DATES=2024-04-14 "$MAKE_S2" "$DATA/s2"
[[ -f $DATA/tiles.txt ]] || /usr/bin/python3 "$TILES_PY" "$B04" > "$DATA/tiles.txt"

config() { # $1: file, $2: tile cache MB
  cat > "$1" <<JSON
{
  "Sources": { "AllowedRoots": ["."] },
  "Cache": { "Tiles": { "SizeMB": $2 }, "Blocks": { "SizeMB": 640 }, "Redis": { "Configuration": "127.0.0.1:$REDIS_PORT,abortConnect=false" } },
  "Encoding": { "Png": { "Filter": "Up", "ZlibLevel": 2 } },
  "Layers": [
    { "Id": "b04", "Source": { "Type": "cog", "Url": "s2/S2B_36RTT_20240414_0_L2A/B04.tif" },
      "Render": { "Bidx": [1], "Rescale": [[0, 6000]], "Resampling": "nearest" },
      "TileMatrixSets": ["WebMercatorQuad"] }
  ]
}
JSON
}
config "$DATA/cache-l1.json" 1024
config "$DATA/cache-l2.json" 1

dotnet build -c Release "$ROOT/src/Server" -v q -nologo >/dev/null
SERVER_DLL=$ROOT/src/Server/bin/Release/net10.0/linux-x64/OgcTiler.Server.dll
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$DATA/redis.log" &
REDIS=$!
PIDS=($REDIS)
trap 'kill "${PIDS[@]}" 2>/dev/null' EXIT
start() { # $1: config, $2: port
  dotnet "$SERVER_DLL" --config "$1" --urls "http://127.0.0.1:$2" --Logging:LogLevel:Default=Warning >"$DATA/server-$2.log" 2>&1 &
  PIDS+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$2/layers"; do sleep 0.5; done
}
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
measure() { # $1: label, $2: server pid, $3: port, $4: connections, then extra wrk arguments
  local label=$1 pid=$2 port=$3 connections=$4; shift 4
  local before; before=$(cpu "$pid")
  TILES="$DATA/tiles.txt" wrk -t2 -c"$connections" -d"$DURATION" --latency "$@" -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$port" > "$DATA/wrk.txt"
  local after; after=$(cpu "$pid")
  echo "== $label (wrk -t2 -c$connections -d$DURATION $*)"
  grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx|Socket errors" "$DATA/wrk.txt"
  awk -v t=$((after - before)) -v n="$(awk '/requests in/ { print $1 }' "$DATA/wrk.txt")" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "server CPU: %.3f ms per request\n", t / hz * 1000 / n }'
}

echo "== seed --zoom $SEED_ZOOM into Redis (cold blocks)"
dotnet "$SERVER_DLL" seed --config "$DATA/cache-l1.json" --layer b04 --zoom "$SEED_ZOOM" | tail -1
redis-cli -p "$REDIS_PORT" flushall >/dev/null

start "$DATA/cache-l1.json" "$PORT"
A=${PIDS[-1]}
# every tile of the list once: into L1 and Redis
awk -v base="http://127.0.0.1:$PORT" '{ print base "/layers/b04/tiles/WebMercatorQuad/" $1 "/" $2 "/" $3 ".png" }' "$DATA/tiles.txt" \
  | xargs -P4 -n1 curl -s -o /dev/null
measure "L1 hits" "$A" "$PORT" 64
measure "304 from If-None-Match (no cache lookup, no read)" "$A" "$PORT" 16 -H "If-None-Match: *"
start "$DATA/cache-l2.json" $((PORT + 1))
B=${PIDS[-1]}
# one pass first, as for L1 (the tiles are in Redis already): JIT, the Redis connection and the thread pool warm
awk -v base="http://127.0.0.1:$((PORT + 1))" '{ print base "/layers/b04/tiles/WebMercatorQuad/" $1 "/" $2 "/" $3 ".png" }' "$DATA/tiles.txt" \
  | xargs -P4 -n1 curl -s -o /dev/null
measure "Redis L2 hits (1 MB memory cache)" "$B" $((PORT + 1)) 16
curl -s -o /dev/null -D - "http://127.0.0.1:$((PORT + 1))/layers/b04/tiles/WebMercatorQuad/$(head -1 "$DATA/tiles.txt" | awk '{ print $1 "/" $2 "/" $3 }').png" | grep -i cache-status
uptime
