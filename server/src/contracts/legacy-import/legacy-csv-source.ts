import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { LegacyImportRefusedError } from './legacy-import.report';

export interface CsvRecord {
  /** Physical line the record starts on, first line = 1. */
  line: number;
  fields: string[];
}

/** Enough to see binary content or a non-UTF-8 export (Shift_JIS names) before anything is written. */
const SNIFF_BYTES = 64 * 1024;

/** Text handed to the parser at once: big enough to amortise a call, small enough that one chunk's rows stay small. */
const PARSE_CHARS = 256 * 1024;

/**
 * Streams the records of a CSV file with their physical line numbers; the first record is the header.
 * Refuses (LegacyImportRefusedError) a file that is empty or not UTF-8 text before yielding anything.
 */
export async function* readCsvRecords(input: Readable | string): AsyncGenerator<CsvRecord> {
  for await (const records of readCsvRecordBatches(input)) yield* records;
}

/**
 * readCsvRecords a chunk of text at a time, for callers that handle thousands of rows per step. Memory
 * stays flat: the file is read only as fast as the consumer pulls, and a chunk holds at most PARSE_CHARS.
 * papaparse's own parser is fed the way its stream mode feeds it (text after the last complete record
 * is kept for the next chunk), without that mode's cost of one callback and one stream push per row.
 */
export async function* readCsvRecordBatches(input: Readable | string): AsyncGenerator<CsvRecord[]> {
  const source = typeof input === 'string' ? createReadStream(input) : input;
  const chunks = toBuffers(source);
  try {
    const head = await sniff(chunks);
    const parser = new Papa.Parser({ delimiter: ',', newline: detectNewline(head), quoteChar: '"' });
    let line = 1;
    let partial = '';
    const records = (text: string, last: boolean): CsvRecord[] => {
      const aggregate = partial + text;
      const result = parser.parse(aggregate, 0, !last) as { data: string[][]; meta: { cursor: number } };
      partial = last ? '' : aggregate.substring(result.meta.cursor);
      const out: CsvRecord[] = new Array(result.data.length);
      for (let i = 0; i < result.data.length; i++) {
        const fields = result.data[i];
        out[i] = { line, fields };
        line += 1 + lineBreaksIn(fields);
      }
      return out;
    };
    for await (const text of decodeUtf8(head, chunks)) {
      for (let at = 0; at < text.length; at += PARSE_CHARS) {
        const out = records(text.length > PARSE_CHARS ? text.slice(at, at + PARSE_CHARS) : text, false);
        if (out.length) yield out;
      }
    }
    const out = records('', true);
    if (out.length) yield out;
  } finally {
    // Also ends the decoding generator when the consumer stops early (a refused header).
    source.destroy();
  }
}

async function* toBuffers(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

async function sniff(chunks: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    parts.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(parts);
  refuseIfNotCsvText(head);
  return head;
}

export function refuseIfNotCsvText(head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new LegacyImportRefusedError('the file is UTF-16 text: save it as UTF-8 CSV');
  }
  if (head.includes(0)) throw new LegacyImportRefusedError('the file is not a CSV text file (it contains NUL bytes)');
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw new LegacyImportRefusedError('the file is not UTF-8 text (a Shift_JIS export must be converted to UTF-8 first)');
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LegacyImportRefusedError('the file is empty');
}

/** Decodes across chunk boundaries (papaparse's own Buffer handling splits multi-byte characters). */
async function* decodeUtf8(head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const first = decoder.write(head).replace(/^\uFEFF/, '');
  if (first) yield first;
  for await (const chunk of rest) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** From the header line, which never holds quoted line breaks; papaparse's own guess can be fooled by a small first chunk. */
function detectNewline(head: Buffer): '\r\n' | '\n' | '\r' {
  const lf = head.indexOf(0x0a);
  const cr = head.indexOf(0x0d);
  if (cr < 0) return '\n';
  if (lf < 0 || cr < lf - 1) return '\r';
  return cr === lf - 1 ? '\r\n' : '\n';
}

function lineBreaksIn(fields: string[]): number {
  let n = 0;
  for (const field of fields) {
    if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) n += field.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}
