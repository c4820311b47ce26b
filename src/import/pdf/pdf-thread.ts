/**
 * pdf.js runs in a thread of its own. Under Node its "worker" runs in the caller's thread, and on
 * some damaged files it leaves promises rejected that nobody awaits (a page-tree prefetch,
 * mozilla/pdf.js#18627): in the main thread that would end the process, or fail the test that read
 * the file. A thread also bounds a read in time, which an in-thread read could not be, and keeps the
 * parsing off the caller's event loop.
 *
 * One thread is started on first use and kept for later reads; it does not keep the process alive
 * while idle. If it dies or runs out of time, its reads fail as IMPORT_CORRUPT and the next read
 * starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { ImportError, type ImportErrorCode } from '../import-error.ts';
import type { PdfText } from './read-document.ts';

export interface ReaderRequest {
  id: number;
  data: Uint8Array;
  maxPages: number;
}

export type ReaderReply =
  | { id: number; text: PdfText }
  | { id: number; error: { code: ImportErrorCode; params: Record<string, string | number> } };

interface Pending {
  resolve: (text: PdfText) => void;
  reject: (error: ImportError) => void;
  timer: NodeJS.Timeout;
}

class ReaderThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  stopped = false;

  constructor() {
    this.worker = new Worker(new URL('./pdf-thread-worker.ts', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (reply: ReaderReply) => this.settle(reply));
    this.worker.on('error', (error) => this.stop(`PDF reader failed: ${error.message}`));
    this.worker.on('exit', (code) => this.stop(`PDF reader stopped (exit code ${code})`));
  }

  /** Reads `data`, which is moved to the thread (the caller's array is left detached). */
  read(data: Uint8Array, maxPages: number, timeoutMs: number): Promise<PdfText> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.stop(`reading took more than ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.ref();
      this.worker.postMessage({ id, data, maxPages } satisfies ReaderRequest, [data.buffer as ArrayBuffer]);
    });
  }

  private settle(reply: ReaderReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.forget(reply.id, pending);
    if ('text' in reply) pending.resolve(reply.text);
    else pending.reject(new ImportError(reply.error.code, reply.error.params));
  }

  /** Ends the thread and fails every read it had. */
  private stop(detail: string): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const [id, pending] of this.pending) {
      this.forget(id, pending);
      pending.reject(new ImportError('IMPORT_CORRUPT', { detail }));
    }
    void this.worker.terminate();
  }

  private forget(id: number, pending: Pending): void {
    clearTimeout(pending.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

let thread: ReaderThread | undefined;

/** Reads a PDF in the reader thread; rejects with ImportError only. */
export async function readInPdfThread(
  data: Uint8Array,
  maxPages: number,
  timeoutMs: number,
): Promise<PdfText> {
  try {
    if (!thread || thread.stopped) thread = new ReaderThread();
  } catch (error) {
    // A thread that cannot even start fails the read like one that dies.
    throw new ImportError('IMPORT_CORRUPT', {
      detail: `PDF reader could not start: ${(error as Error).message}`,
    });
  }
  return thread.read(data, maxPages, timeoutMs);
}
