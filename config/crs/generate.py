#!/usr/bin/python3
"""Regenerates config/crs/epsg.tsv.gz from the PROJ database with projinfo (Debian proj-bin).

One row per EPSG geographic 2D or projected CRS whose projection method OgcTiler supports:
    code <TAB> northing_first (0/1) <TAB> west,south,east,north (area of use) <TAB> name <TAB> WKT1
WKT1 is projinfo's WKT1_GDAL stripped of AUTHORITY, AXIS and EXTENSION nodes. Geographic rows come from
--boundcrs-to-wgs84, so their DATUM has a TOWGS84 where PROJ knows a Helmert shift to WGS 84. A projected CRS whose
GEOGCS is its base geographic row (ignoring TOWGS84) has it replaced by "@<code>", and so shares that shift. Web Mercator rows (spherical, see dotnet-stack.md) carry the WKT "WEBMERCATOR".

Usage: /usr/bin/python3 config/crs/generate.py      (needs projinfo on PATH; projinfo answers are cached in
       /tmp/ogctiler-projinfo-cache.json, so only the first run takes long)
"""
import concurrent.futures
import gzip
import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "epsg.tsv.gz")
CACHE = "/tmp/ogctiler-projinfo-cache.json"

# WKT1_GDAL PROJECTION names ProjNET 2.0.0 implements, plus the ones OgcTiler registers (Crs/Projections; Hotine
# Oblique Mercator variant A, EPSG method 9812, is OgcTiler's own: ProjNET computes variant B under that name).
SUPPORTED = {
    "Transverse_Mercator", "Mercator_1SP", "Mercator_2SP", "Lambert_Conformal_Conic_2SP", "Lambert_Conformal_Conic_1SP",
    "Lambert_Azimuthal_Equal_Area", "Albers_Conic_Equal_Area", "Polar_Stereographic", "Oblique_Stereographic",
    "Cassini_Soldner", "Polyconic", "Hotine_Oblique_Mercator", "Hotine_Oblique_Mercator_Azimuth_Center", "Krovak", "Cylindrical_Equal_Area", "Equirectangular",
}
NORTHING_FIRST_AXES = ("Northing", "Southing", "Geodetic latitude", "Latitude")


_cache = {}


def run(*args):
    key = " ".join(args)
    if key not in _cache:
        _cache[key] = subprocess.run(["projinfo", *args], check=True, capture_output=True, text=True).stdout
    return _cache[key]


def list_crs():
    rows = {}
    for line in run("--list-crs", "geographic_2d,projected").splitlines():
        m = re.match(r'EPSG:(\d+) "(.*)"$', line)
        if m:
            rows.setdefault(int(m.group(1)), m.group(2))  # projinfo lists a few codes twice
    return list(rows.items())


def describe(code):
    out = run("-o", "WKT1_GDAL,PROJJSON", "--single-line", f"EPSG:{code}")
    wkt = re.search(r"^WKT1:GDAL string:\n(.*)$", out, re.M).group(1)
    return wkt, json.loads(out[out.index("PROJJSON:") + len("PROJJSON:"):])


def bound_wkt(code):
    """WKT1 with the TOWGS84 of the Helmert shift PROJ would use to reach WGS 84, when there is one."""
    return run("-o", "WKT1_GDAL", "-q", "--single-line", "--boundcrs-to-wgs84", f"EPSG:{code}").strip()


def strip_node(wkt, keyword):
    """Removes every KEYWORD[...] node (with its leading comma)."""
    while True:
        i = wkt.find("," + keyword + "[")
        if i < 0:
            return wkt
        depth, j = 0, i + len(keyword) + 1
        while True:
            if wkt[j] == "[":
                depth += 1
            elif wkt[j] == "]":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        wkt = wkt[:i] + wkt[j + 1:]


def strip(wkt):
    return strip_node(strip_node(strip_node(wkt, "AUTHORITY"), "AXIS"), "EXTENSION")


def geogcs_of(wkt):
    start = wkt.index("GEOGCS[")
    depth = 0
    for j in range(start + 6, len(wkt)):
        depth += {"[": 1, "]": -1}.get(wkt[j], 0)
        if depth == 0:
            return wkt[start:j + 1]


def row(code, name):
    wkt, js = describe(code)
    axes = js["coordinate_system"]["axis"]
    if any(a["direction"] in ("west", "up", "down") for a in axes):
        return None
    method = None
    if js["type"] == "ProjectedCRS":
        m = re.search(r'PROJECTION\["([^"]+)"\]', wkt)
        if not m or m.group(1) not in SUPPORTED:
            return None
        # GDAL writes the projection's angles in the GEOGCS unit, ProjNET reads degrees: keep degree-based CRSs only
        if not re.search(r'GEOGCS\[.*UNIT\["degree",', wkt):
            return None
        method = m.group(1)
        # south-oriented or otherwise unusual axes are only understood for the polar projections
        if method != "Polar_Stereographic" and any(a["direction"] not in ("north", "east") for a in axes):
            return None
    elif js["type"] != "GeographicCRS":
        return None
    else:
        wkt = bound_wkt(code)
        if 'UNIT["degree",' not in wkt:  # grads and the like: ProjNET does not convert them
            return None
    northing_first = axes[0]["name"].startswith(NORTHING_FIRST_AXES)
    web_mercator = method == "Mercator_1SP" and "+a=6378137 +b=6378137" in wkt
    wkt = strip(wkt)
    b = js.get("bbox")
    bbox = ",".join(f"{b[k]:g}" for k in ("west_longitude", "south_latitude", "east_longitude", "north_latitude")) if b else ""
    base = js.get("base_crs", {}).get("id", {}).get("code")
    return code, int(northing_first), bbox, name, "WEBMERCATOR" if web_mercator else wkt, base


def main():
    if os.path.exists(CACHE):
        with open(CACHE) as f:
            _cache.update(json.load(f))
    crs = list_crs()
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        rows = [r for r in pool.map(lambda c: row(*c), crs) if r]
    with open(CACHE, "w") as f:
        json.dump(_cache, f)
    # ProjNET applies a Helmert shift as if the prime meridian were Greenwich: leave such datums out
    rows = [r for r in rows if 'PRIMEM["Greenwich"' in r[4] or "TOWGS84[" not in r[4]]
    dropped = {r[5] for r in rows if r[5]} - {r[0] for r in rows}
    # a projected CRS takes the TOWGS84 of its base geographic CRS by referring to that row
    geographic = {r[0]: strip_node(r[4], "TOWGS84") for r in rows if r[4].startswith("GEOGCS[")}
    lines = []
    for code, nf, bbox, name, wkt, base in rows:
        if wkt.startswith("PROJCS[") and base in geographic and geogcs_of(wkt) == geographic[base]:
            wkt = wkt.replace(geographic[base], f"@{base}", 1)
        elif base in dropped and 'PRIMEM["Greenwich"' not in wkt:
            continue
        lines.append(f"{code}\t{nf}\t{bbox}\t{name}\t{wkt}\n")
    with open(OUT, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(lines).encode("utf-8"))
    print(f"{len(lines)} of {len(crs)} CRSs written to {OUT}")


if __name__ == "__main__":
    main()
