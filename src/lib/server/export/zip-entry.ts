/** Reads one entry of a ZIP file (one part of an XLSX) from its central directory, without unpacking the rest. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, position);
  return buf;
}

/** The bytes of entry `name` in the ZIP file at `path`, or null when there is none (or it is not a ZIP). */
export function readZipEntry(path: string, name: string): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KB.
    const tailLength = Math.min(size, 22 + 65535);
    const tail = readAt(fd, size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    const dir = readAt(fd, dirOffset, dirSize);
    let p = 0;
    for (let i = 0; i < entries && dir.readUInt32LE(p) === 0x02014b50; i++) {
      const method = dir.readUInt16LE(p + 10);
      const compressed = dir.readUInt32LE(p + 20);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const local = dir.readUInt32LE(p + 42);
      const entryName = dir.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '');
      if (entryName === name) {
        const header = readAt(fd, local, 30);
        const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
        const data = readAt(fd, start, compressed);
        return method === 8 ? inflateRawSync(data) : data;
      }
      p += 46 + nameLength + extraLength + commentLength;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
