/**
 * The PDF reader thread: reads each document it is sent with readDocument() and replies with the
 * lines or the import error. See pdf-thread.ts for why pdf.js runs here.
 */
import { parentPort } from 'node:worker_threads';
import { ImportError } from '../import-error.ts';
import type { ReaderReply, ReaderRequest } from './pdf-thread.ts';
import { readDocument } from './read-document.ts';

// pdf.js leaves some promises rejected with nobody waiting on damaged files; the read they belong to
// settles on its own, so they are dropped here rather than end the thread.
process.on('unhandledRejection', () => {});

parentPort?.on('message', async ({ id, data, maxPages }: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    reply = { id, text: await readDocument(data, maxPages) };
  } catch (error) {
    const failure =
      error instanceof ImportError
        ? error
        : new ImportError('IMPORT_CORRUPT', { detail: String((error as Error)?.message ?? error) });
    reply = { id, error: { code: failure.code, params: failure.params } };
  }
  parentPort?.postMessage(reply);
});
