-- wrk script for the soak run: round robin over a mix built from the tile list (TILES): for each tile a layer tile,
-- a WMTS REST tile and a WMS GetMap of the same box, and every 50 tiles the WMTS and WMS capabilities and three
-- requests that must fail with a 4xx (unknown layer, tile outside the set, a bad parameter).
-- Counts answers per status class per thread; done() prints them and "5xx: N" for the soak's verdict.
local requests = {}
local function add(path) requests[#requests + 1] = path end
local n = 0
for line in io.lines(os.getenv("TILES")) do
  local z, x, y, minx, miny, maxx, maxy = line:match("^(%d+) (%d+) (%d+) (%S+) (%S+) (%S+) (%S+)")
  if z then
    n = n + 1
    add("/layers/b04/tiles/WebMercatorQuad/" .. z .. "/" .. x .. "/" .. y .. ".png")
    add("/wmts/1.0.0/b04/default/WebMercatorQuad/" .. z .. "/" .. y .. "/" .. x .. ".png")
    add("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=b04&STYLES=&CRS=EPSG:3857&WIDTH=256&HEIGHT=256"
      .. "&FORMAT=image/png&TRANSPARENT=TRUE&BBOX=" .. minx .. "," .. miny .. "," .. maxx .. "," .. maxy)
    if n % 50 == 0 then
      add("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")
      add("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0")
      add("/layers/nope/tiles/WebMercatorQuad/" .. z .. "/" .. x .. "/" .. y .. ".png")
      add("/layers/b04/tiles/WebMercatorQuad/" .. z .. "/" .. string.format("%d", 2 ^ tonumber(z)) .. "/" .. y .. ".png")
      add("/layers/b04/tiles/WebMercatorQuad/" .. z .. "/" .. x .. "/" .. y .. ".png?rescale=5,5")
    end
  end
end

local threads = {}

function setup(thread)
  thread:set("offset", #threads * 211)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
  s2, s3, s4, s5 = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", requests[(counter % #requests) + 1])
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local t2, t3, t4, t5 = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("s2"); t3 = t3 + thread:get("s3"); t4 = t4 + thread:get("s4"); t5 = t5 + thread:get("s5")
  end
  io.write(string.format("2xx: %d  3xx: %d  4xx: %d  5xx: %d\n", t2, t3, t4, t5))
  local e = summary.errors
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n", e.connect, e.read, e.write, e.timeout))
end
