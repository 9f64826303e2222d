import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
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

/**
 * Streams the records of a CSV file with their physical line numbers; the first record is the header.
 * Refuses (LegacyImportRefusedError) a file that is empty or not UTF-8 text before yielding anything.
 * Memory stays flat: papaparse's Node stream mode pauses the file whenever the consumer stops pulling.
 */
export async function* readCsvRecords(input: Readable | string): AsyncGenerator<CsvRecord> {
  const source = typeof input === 'string' ? createReadStream(input) : input;
  const chunks = toBuffers(source);
  try {
    const head = await sniff(chunks);
    const text = decodeUtf8(head, chunks);
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
      delimiter: ',',
      newline: detectNewline(head),
      header: false,
      skipEmptyLines: false,
    });
    pipeline(Readable.from(text), parser, () => undefined);
    let line = 1;
    for await (const fields of parser as AsyncIterable<string[]>) {
      yield { line, fields };
      line += 1 + fields.reduce((n, f) => n + lineBreaks(f), 0);
    }
  } finally {
    // Also ends the decoding generator and papaparse when the consumer stops early (a refused header).
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

function lineBreaks(field: string): number {
  if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) return 0;
  return field.match(/\r\n|\r|\n/g)!.length;
}
