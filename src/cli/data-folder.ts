/**
 * The data folder that `start`, `account` and `verify` share (`--data`, else $LECTERN_DATA, else `data`)
 * and the SQLite database in it: one rule, so that an account created or a certificate verified is the
 * one the server sees.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';

export function dataFolder(requested: string | undefined): string {
  return resolve(requested ?? process.env.LECTERN_DATA ?? 'data');
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'lectern.sqlite');
}

/** The folder's database, the folder made first if it is not there yet. */
export async function openDataStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  return openSqliteStore(databaseFile(dataDir));
}
