#!/usr/bin/env bash
# Where a Redis L2 hit's time goes (issue 14): one server whose memory cache holds 1 MB (so nearly every request is
# an L2 hit), its tiles in a local redis-server, wrk at 16 connections for DURATION per variant (at most 20 s). For each
# variant it prints wrk's latency, the server CPU per request, and the server's garbage collections and GC pause time
# over the run (from /metrics); then redis-benchmark's GET of a value of the mean tile size at the same 16 connections
# (Redis alone, no server).
#
#   bench/load/cache-l2.sh [DATA_DIR]      the data and tile list of run.sh / cache.sh (generated there when missing)
#
# Env: DURATION (15s), PORT (5199; redis-server PORT+2), VARIANTS ("server workstation"): server = the shipped
# server GC, workstation = DOTNET_gcServer=0, concurrent = workstation GC without background GC.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$(mkdir -p "${1:-$ROOT/bench/load/data}" && cd "${1:-$ROOT/bench/load/data}" && pwd)
MAKE_S2=${MAKE_S2:-/work/shared/bench/make-s2.sh}
TILES_PY=${TILES_PY:-/work/shared/bench/tiles.py}
DURATION=${DURATION:-15s} PORT=${PORT:-5199} VARIANTS=${VARIANTS:-server workstation}
REDIS_PORT=$((PORT + 2))
B04=$DATA/s2/S2B_36RTT_20240414_0_L2A/B04.tif
[[ -f $B04 ]] || S2_DATES=2024-04-14 "$MAKE_S2" "$DATA/s2"
[[ -f $DATA/tiles.txt ]] || /usr/bin/python3 "$TILES_PY" "$B04" > "$DATA/tiles.txt"

cat > "$DATA/cache-l2-profile.json" <<JSON
{
  "Sources": { "AllowedRoots": ["."] },
  "Cache": { "Tiles": { "SizeMB": 1 }, "Blocks": { "SizeMB": 640 }, "Redis": { "Configuration": "127.0.0.1:$REDIS_PORT,abortConnect=false" } },
  "Encoding": { "Png": { "Filter": "Up", "ZlibLevel": 2 } },
  "Layers": [
    { "Id": "b04", "Source": { "Type": "cog", "Url": "s2/S2B_36RTT_20240414_0_L2A/B04.tif" },
      "Render": { "Bidx": [1], "Rescale": [[0, 6000]], "Resampling": "nearest" },
      "TileMatrixSets": ["WebMercatorQuad"] }
  ]
}
JSON

dotnet build -c Release "$ROOT/src/Server" -v q -nologo >/dev/null
SERVER_DLL=$ROOT/src/Server/bin/Release/net10.0/linux-x64/OgcTiler.Server.dll
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$DATA/redis-profile.log" &
PIDS=($!)
trap 'kill "${PIDS[@]}" 2>/dev/null' EXIT
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.2; done

start() { # $@: environment assignments
  env "$@" dotnet "$SERVER_DLL" --config "$DATA/cache-l2-profile.json" --urls "http://127.0.0.1:$PORT" --Logging:LogLevel:Default=Warning \
    >"$DATA/server-profile.log" 2>&1 &
  SERVER=$!
  PIDS+=($SERVER)
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/layers"; do sleep 0.5; done
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the sum of a /metrics series whose name and labels match $1
metric() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$0 !~ /^#/ && $0 ~ m { s += $NF } END { printf "%.6f", s }'; }
gcs() { for g in gen0 gen1 gen2; do printf '%s ' "$(metric "dotnet_gc_collections_total.*\"$g\"")"; done
  printf '%s ' "$(metric '^dotnet_gc_pause_time_seconds_total')"; metric '^dotnet_gc_heap_total_allocated_bytes_total'; }

run() { # $1: label, then environment assignments for the server
  local label=$1; shift
  start "$@"
  # one pass over the list: tiles rendered (first variant) or found in Redis, the 1 MB memory cache keeps few
  awk -v base="http://127.0.0.1:$PORT" '{ print base "/layers/b04/tiles/WebMercatorQuad/" $1 "/" $2 "/" $3 ".png" }' "$DATA/tiles.txt" \
    | xargs -P4 -n1 curl -s -o /dev/null
  local before after gc0 gc1
  before=$(cpu "$SERVER"); gc0=($(gcs))
  TILES="$DATA/tiles.txt" wrk -t2 -c16 -d"$DURATION" --latency -s "$ROOT/bench/load/tiles.lua" "http://127.0.0.1:$PORT" > "$DATA/wrk-profile.txt"
  after=$(cpu "$SERVER"); gc1=($(gcs))
  echo "== $label: Redis L2 hits, wrk -t2 -c16 -d$DURATION"
  grep -E "Requests/sec|  50%|  90%|  99%|Non-2xx|Socket errors" "$DATA/wrk-profile.txt"
  awk -v t=$((after - before)) -v n="$(awk '/requests in/ { print $1 }' "$DATA/wrk-profile.txt")" -v hz="$(getconf CLK_TCK)" \
    -v g0="$(echo "${gc1[0]} - ${gc0[0]}" | bc)" -v g1="$(echo "${gc1[1]} - ${gc0[1]}" | bc)" -v g2="$(echo "${gc1[2]} - ${gc0[2]}" | bc)" \
    -v d="${DURATION%s}" -v p="$(echo "${gc1[3]} - ${gc0[3]}" | bc)" -v a="$(echo "${gc1[4]} - ${gc0[4]}" | bc)" \
    'BEGIN { printf "server CPU: %.3f ms per request, %.0f KB allocated per request; GCs gen0/gen1/gen2: %d/%d/%d, GC pause %.0f ms in all (%.1f%% of the run)\n", t / hz * 1000 / n, a / n / 1024, g0, g1, g2, p * 1000, p * 100 / d }'
  curl -s -o /dev/null -D - "http://127.0.0.1:$PORT/layers/b04/tiles/WebMercatorQuad/$(head -1 "$DATA/tiles.txt" | awk '{ print $1 "/" $2 "/" $3 }').png" | grep -i cache-status
  stop
}

for variant in $VARIANTS; do
  case $variant in
    server) run "server GC (as shipped)" ;;
    workstation) run "workstation GC" DOTNET_gcServer=0 ;;
    concurrent) run "workstation GC, no background GC" DOTNET_gcServer=0 DOTNET_gcConcurrent=0 ;;
  esac
done

size=$(redis-cli -p "$REDIS_PORT" --raw eval "local n, s = 0, 0 for _, k in ipairs(redis.call('keys', '*tile|*')) do n = n + 1 s = s + redis.call('strlen', k) end return math.floor(s / math.max(n, 1))" 0)
echo "== redis-benchmark GET of a ${size}-byte value, 16 connections (Redis alone)"
redis-benchmark -p "$REDIS_PORT" -c 16 -n 100000 -d "$size" -t get -q --precision 3 2>/dev/null | tail -1
redis-benchmark -p "$REDIS_PORT" -c 16 -n 100000 -d "$size" -t get --precision 3 2>/dev/null | grep -A3 "Latency by percentile\|latency summary" | head -6
uptime
