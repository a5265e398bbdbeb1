"""OWSLib against a running OgcTiler: parse both capabilities, fetch a WMTS tile and a WMS map. Prints one line per check."""
import sys

from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService

base = sys.argv[1]
PNG = b"\x89PNG\r\n\x1a\n"

wmts = WebMapTileService(base + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")
assert "utm" in wmts.contents, list(wmts.contents)
layer = wmts.contents["utm"]
assert "WebMercatorQuad" in layer.tilematrixsetlinks, list(layer.tilematrixsetlinks)
assert "WebMercatorQuad" in wmts.tilematrixsets
tile = wmts.gettile(layer="utm", tilematrixset="WebMercatorQuad", tilematrix="10", row=372, column=517, format="image/png", style="default")
assert tile.read()[:8] == PNG
print("wmts ok", len(wmts.contents), "layers")

for version in ("1.3.0", "1.1.1"):
    wms = WebMapService(base + "/wms", version=version)
    assert "utm" in wms.contents, list(wms.contents)
    utm = wms.contents["utm"]
    assert "EPSG:3857" in utm.crsOptions, utm.crsOptions
    picture = wms.getmap(layers=["utm"], styles=[""], srs="EPSG:3857", bbox=(166979, 5390000, 278300, 5543000), size=(64, 64), format="image/png", transparent=True)
    assert picture.read()[:8] == PNG
    print("wms", version, "ok")
