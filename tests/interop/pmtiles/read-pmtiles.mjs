// Reads a PMTiles archive with Protomaps' own reader (the pmtiles npm package) and prints, as JSON, its header, its
// metadata and the SHA-256 of each tile asked for ("z/x/y" lines in the file given second; null for a tile it lacks).
// Usage: node read-pmtiles.mjs ARCHIVE TILE_LIST
import { createHash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { PMTiles } from "pmtiles";

const [archivePath, listPath] = process.argv.slice(2);
const file = await open(archivePath, "r");

// The reader asks a Source for byte ranges; this one reads them from the local file.
const source = {
  getKey: () => archivePath,
  getBytes: async (offset, length) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    const bytes = buffer.subarray(0, bytesRead);
    return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  },
};

const archive = new PMTiles(source);
const header = await archive.getHeader();
const metadata = await archive.getMetadata();
const tiles = {};
for (const line of (await readFile(listPath, "utf8")).split("\n").filter((l) => l.trim())) {
  const [z, x, y] = line.trim().split("/").map(Number);
  const tile = await archive.getZxy(z, x, y);
  tiles[line.trim()] = tile ? createHash("sha256").update(new Uint8Array(tile.data)).digest("hex") : null;
}
await file.close();
process.stdout.write(JSON.stringify({ header, metadata, tiles }));
