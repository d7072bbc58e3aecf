/** What every export format implements, and writing to a Node stream with backpressure. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CanonicalRow } from './columns.ts';
import type { Manifest } from './manifest.ts';
import type { PreparedReport, Section } from './report.ts';

/** A file format: handed the report, then each section's rows in order, then the manifest. */
export interface ReportWriter {
  begin(report: PreparedReport): Promise<void>;
  startSection(section: Section): Promise<void>;
  rows(rows: CanonicalRow[]): Promise<void>;
  endSection(): Promise<void>;
  /** Writes what needs the manifest (an XLSX's first sheet, a PDF's cover page) and ends the file. */
  finish(manifest: Manifest): Promise<void>;
}

/** Writes `data`, waiting for the stream to drain when its buffer is full. */
export async function writeWithBackpressure(stream: Writable, data: string | Uint8Array): Promise<void> {
  if (!stream.write(data)) await once(stream, 'drain');
}

/** Ends `stream` and waits until everything is flushed. */
export async function endStream(stream: Writable): Promise<void> {
  const done = once(stream, 'finish');
  stream.end();
  await done;
}
