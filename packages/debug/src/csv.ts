import { type FileHandle, open } from 'node:fs/promises';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, or a line break, with quotes
 * doubled. null and undefined are empty; numbers are written as JavaScript prints them (NaN and
 * Infinity stay readable words).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** Buffers rows and writes them in large chunks: a model's weights can be millions of rows. */
export class CsvWriter {
  private chunk: string[] = [];
  private size = 0;
  private count = 0;

  private constructor(private readonly file: FileHandle) {}

  static async create(path: string, header: readonly string[]): Promise<CsvWriter> {
    const writer = new CsvWriter(await open(path, 'w'));
    writer.push(header);
    writer.count = 0;
    return writer;
  }

  /** Data rows written (the header not counted). */
  get rows(): number {
    return this.count;
  }

  /** Adds a row to the buffer (no await per row: millions of them); writes when it is full. */
  async row(values: readonly unknown[]): Promise<void> {
    if (this.push(values)) await this.flush();
  }

  /** Buffers a row; true when the buffer is big enough to write. */
  push(values: readonly unknown[]): boolean {
    const line = csvRow(values);
    this.chunk.push(line);
    this.size += line.length;
    this.count++;
    return this.size >= 1 << 20;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.file.close();
    }
  }

  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const text = this.chunk.join('');
    this.chunk = [];
    this.size = 0;
    await this.file.writeFile(text);
  }
}
