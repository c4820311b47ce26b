/**
 * `lectern account create <username> --role coordinator|instructor`: a sign-in for the training records,
 * kept in the data folder's SQLite database (`--data`, default `data`, as `lectern start`). The password
 * comes from `--password-file` or standard input (read without echo at a terminal), never from the
 * command line, where other users of the machine could see it.
 */
import { readFile } from 'node:fs/promises';
import { t } from '../i18n/catalogue.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/auth/passwords.ts';
import { normaliseUsername, USERNAME } from '../server/records/auth.ts';
import { newId } from '../server/tokens.ts';
import type { AccountRole } from '../store/store.ts';
import { parseCommandArgs } from './args.ts';
import { dataFolder, openDataStore } from './data-folder.ts';

const ROLES: readonly AccountRole[] = ['coordinator', 'instructor'];

export async function runAccount(argv: string[]): Promise<number> {
  const { values, positionals, lang } = parseCommandArgs(argv, {
    role: { type: 'string' },
    name: { type: 'string' },
    'password-file': { type: 'string' },
    data: { type: 'string' },
  });
  const fail = (message: string, code = 1) => {
    process.stderr.write(`${message}\n`);
    return code;
  };
  const [action, rawUsername] = positionals;
  if (values.help || !action) {
    process.stdout.write(`${t(lang, 'cli.account.help', { min: MIN_PASSWORD_LENGTH })}\n`);
    return values.help ? 0 : 2;
  }
  if (action !== 'create') return fail(t(lang, 'cli.account.unknownAction', { action }), 2);
  const username = normaliseUsername(rawUsername ?? '');
  if (!USERNAME.test(username)) return fail(t(lang, 'cli.account.badUsername', { username }), 2);
  const role = values.role as AccountRole | undefined;
  if (!role || !ROLES.includes(role)) return fail(t(lang, 'cli.account.badRole'), 2);

  const file = values['password-file'];
  const password = file
    ? firstLine(await readFile(file, 'utf8'))
    : await readPassword(t(lang, 'cli.account.prompt', { username }));
  if (password === '') return fail(t(lang, 'cli.account.noPassword'));
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return fail(t(lang, 'cli.account.shortPassword', { min: MIN_PASSWORD_LENGTH }));

  const store = await openDataStore(dataFolder(values.data));
  try {
    if (await store.findAccountByUsername(username)) return fail(t(lang, 'cli.account.exists', { username }));
    await store.createAccount({
      id: newId('a'),
      username,
      displayName: values.name?.trim() || username,
      passwordHash: await hashPassword(password),
      role,
      createdAt: Date.now(),
    });
  } finally {
    await store.close();
  }
  process.stdout.write(`${t(lang, 'cli.account.created', { role, username })}\n`);
  return 0;
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').replace(/^\ufeff/, '');
}

/** The first line of standard input; at a terminal, typed without echo after a prompt on stderr. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin as AsyncIterable<Buffer>) chunks.push(chunk);
    return firstLine(Buffer.concat(chunks).toString('utf8'));
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise<string>((done) => {
    let typed = '';
    const finish = (value: string) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      done(value);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(typed);
        if (char === '\u0003') return finish('');
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
