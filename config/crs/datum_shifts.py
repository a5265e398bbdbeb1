#!/usr/bin/python3
"""Regenerates config/crs/datum_shifts.tsv: the operations PROJ may use from each EPSG geographic CRS of epsg.tsv.gz
to WGS 84, as cs2cs and GDAL list them on this machine (projinfo -s EPSG:n -t EPSG:4326 --spatial-test intersects
--grid-check discard_missing: partial intersection, operations whose grid is not installed left out, ballpark kept).

One line per operation, in PROJ's order, tab-separated:
    code <TAB> accuracy (metres, -1 unknown) <TAB> offshore (1 when the area name has "- offshore") <TAB>
    west,south,east,north (area of use) <TAB> name <TAB> steps
steps, ';'-separated, applied in order to a longitude/latitude in degrees on the CRS (empty: coordinates unchanged):
    pm:<degrees>                     add the prime meridian's longitude (to Greenwich)
    cart:<a>,<rf>                    geodetic to geocentric on that ellipsoid (rf 0: sphere), height 0
    helmert:<x>,<y>,<z>,<rx>,<ry>,<rz>,<s>[,<px>,<py>,<pz>]
                                     PROJ's helmert, position vector convention (metres, arc-seconds, ppm; pivot point
                                     in metres for Molodensky-Badekas), linearised rotation as PROJ applies it
    invhelmert:...                   its inverse (PROJ's: transposed rotation)
    invcart:<a>,<rf>                 geocentric to geodetic
    offset:<dlon>,<dlat>             geographic offsets, arc-seconds
    grid:<file> / invgrid:<file>     horizontal NTv2 grid shift, by the file name proj-data installs (proj.db's
                                     old_proj_grid_name for PROJ's name); the engine reads it from PROJ's data directory
CRSs whose every operation leaves coordinates unchanged (WGS 84 itself, ETRS89, NAD83 where null) have no lines.
Operations PROJ expresses with steps the engine does not implement (deformation models, time-dependent frames
without a PROJ string) are written with the step "unsupported" so the choice among the others stays PROJ's.

Usage: /usr/bin/python3 config/crs/datum_shifts.py    (needs projinfo and cs2cs on PATH, Debian proj-bin)
"""
import concurrent.futures
import gzip
import json
import math
import os
import re
import sqlite3
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "epsg.tsv.gz")
OUT = os.path.join(HERE, "datum_shifts.tsv")
SEPARATOR = "-------------------------------------\n"


def ellipsoids():
    """PROJ's +ellps names -> (a, rf)."""
    known = {}
    for line in subprocess.run(["cs2cs", "-le"], check=True, capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"\s*(\S+) a=(\S+)\s+(rf|b)=(\S+)", line)
        if m:
            a, value = float(m.group(2)), float(m.group(4))
            known[m.group(1)] = (a, value if m.group(3) == "rf" else (0.0 if value == a else a / (a - value)))
    return known


ELLIPSOIDS = ellipsoids()
GRID_FILES = dict(sqlite3.connect("/usr/share/proj/proj.db").execute(
    "SELECT proj_grid_name, old_proj_grid_name FROM grid_alternatives WHERE old_proj_grid_name IS NOT NULL"))


def geographic_codes():
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        return [int(line.split("\t", 1)[0]) for line in f if line.split("\t")[4].startswith("GEOGCS[")]


def operations(code):
    out = subprocess.run(["projinfo", "-s", f"EPSG:{code}", "-t", "EPSG:4326", "--spatial-test", "intersects",
                          "--grid-check", "discard_missing", "-o", "PROJ,PROJJSON", "--single-line"],
                         check=True, capture_output=True, text=True).stdout
    result = []
    for block in out.split(SEPARATOR)[1:]:
        lines = [line for line in block.split("\n") if line.strip()]
        i, j = lines.index("PROJ string:"), lines.index("PROJJSON:")
        result.append((lines[1], lines[i + 1] if j == i + 2 else "", json.loads(lines[j + 1])))
    return result


def accuracy(summary):
    m = re.match(r".*?, ([0-9.]+) m, ", summary)
    return float(m.group(1)) if m else -1.0


def params(step):
    return {k: v for k, v in re.findall(r"\+(\w+)(?:=(\S+))?", step)}


def ellipsoid(p):
    if "ellps" in p:
        return ELLIPSOIDS[p["ellps"]]
    a = float(p["a"])
    if "rf" in p:
        return a, float(p["rf"])
    b = float(p["b"])
    return a, 0.0 if b == a else a / (a - b)


def number(v):
    return repr(float(v)).removesuffix(".0")


def helmert(p):
    values = [float(p.get(k, 0)) for k in ("x", "y", "z", "rx", "ry", "rz", "s")]
    if p.get("convention") == "coordinate_frame":
        values[3:6] = [-v for v in values[3:6]]
    if "px" in p:
        values += [float(p[k]) for k in ("px", "py", "pz")]
    return ",".join(number(v) for v in values)


def steps(proj):
    """The engine's steps for a PROJ pipeline, or None when a step is not implemented."""
    if proj in ("", "+proj=noop"):
        return [] if proj else None
    body = proj.split(" +step ")[1:] if proj.startswith("+proj=pipeline") else [proj]
    out = []
    for step in body:
        p = params(step)
        inverse = step.startswith("+inv ")
        name = p["proj"]
        if name in ("axisswap", "unitconvert", "push", "pop", "noop"):
            continue
        if name == "longlat" and inverse:
            if "pm" in p:
                out.append(f"pm:{number(pm_degrees(p['pm']))}")
        elif name == "cart":
            a, rf = ellipsoid(p)
            out.append(f"{'invcart' if inverse else 'cart'}:{number(a)},{number(rf)}")
        elif name in ("helmert", "molobadekas") and not any(k in p for k in ("dx", "drx", "ds")):
            out.append(f"{'invhelmert' if inverse else 'helmert'}:{helmert(p)}")
        elif name == "geogoffset":
            sign = -1 if inverse else 1
            out.append(f"offset:{number(sign * float(p.get('dlon', 0)))},{number(sign * float(p.get('dlat', 0)))}")
        elif name == "hgridshift":
            name = p["grids"].lstrip("@")
            out.append(f"{'invgrid' if inverse else 'grid'}:{GRID_FILES.get(name, name)}")
        else:
            return None
    return out


def prime_meridians():
    """PROJ's +pm names -> degrees east of Greenwich (cs2cs -lm, in d/m/s)."""
    known = {}
    for line in subprocess.run(["cs2cs", "-lm"], check=True, capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"\s*(\S+) (\d+)d(?:(\d+)')?(?:([0-9.]+)\")?([EW])", line)
        if m:
            degrees = int(m.group(2)) + int(m.group(3) or 0) / 60 + float(m.group(4) or 0) / 3600
            known[m.group(1)] = -degrees if m.group(5) == "W" else degrees
    return known


PRIME_MERIDIANS = prime_meridians()


def pm_degrees(value):
    return PRIME_MERIDIANS[value] if value in PRIME_MERIDIANS else float(value)


def bbox(js):
    b = js.get("bbox") or (js.get("usages") or [{}])[0].get("bbox")
    return ",".join(number(b[k]) for k in ("west_longitude", "south_latitude", "east_longitude", "north_latitude"))


def area_name(js):
    return js.get("area") or (js.get("usages") or [{}])[0].get("area") or ""


def is_identity(s):
    if s is None:
        return False
    for step in s:
        kind, _, values = step.partition(":")
        if kind in ("helmert", "invhelmert") and any(float(v) != 0 for v in values.split(",")):
            return False
        if kind in ("offset", "grid", "invgrid", "pm"):
            return False
        if kind in ("cart", "invcart") and values != "6378137,298.257223563" and values != "6378137,298.257222101":
            return False
    return True


def lines_for(code):
    ops = [(summary, steps(proj), js) for summary, proj, js in operations(code)]
    if all(is_identity(s) for _, s, _ in ops):
        return []
    return [f"{code}\t{number(accuracy(summary))}\t{int('- offshore' in area_name(js))}\t{bbox(js)}\t{js['name']}\t"
            f"{'unsupported' if s is None else ';'.join(s)}\n" for summary, s, js in ops]


def main():
    codes = geographic_codes()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        lines = [line for rows in pool.map(lines_for, codes) for line in rows]
    with open(OUT, "w", encoding="utf-8") as f:
        f.writelines(lines)
    print(f"{len(lines)} operations of {len({line.split(chr(9))[0] for line in lines})} CRSs written to {OUT}")


if __name__ == "__main__":
    main()
