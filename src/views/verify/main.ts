/**
 * The public verification page (`/verify`, `/verify/<id>`, where a certificate's QR code leads): whether
 * a certificate is valid, revoked (when and why) or unknown, with the details on record to compare with
 * the paper; and the check of a certificate's PDF file. No sign-in.
 */
import type { CertificateDetails, FileCheck, RecordCheck } from '../../server/records/certificates.ts';
import { readConfig } from '../shared/config.ts';
import { fill, h, liveRegion } from '../shared/dom.ts';
import { errorMessage, formatNumber, initI18n, t } from '../shared/i18n.ts';

const config = readConfig();
initI18n(config);
document.title = t('ui.verify.pageTitle');

const CERTIFICATE_ID = /^LEC-[0-9A-HJKMNP-TV-Z]{10}$/;
const pathId = decodeURIComponent(/^\/verify\/([^/]+)$/.exec(location.pathname)?.[1] ?? '');
const dateTime = new Intl.DateTimeFormat(config.lang, { dateStyle: 'long', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(config.lang, { dateStyle: 'long', timeZone: 'UTC' });

const app = document.getElementById('app') as HTMLElement;
const announcer = liveRegion();
const main = h('main', { id: 'main', class: 'co-main verify', tabindex: '-1' });
const result = h('div', { id: 'verify-result' });
fill(
  app,
  h('a', { class: 'skip', href: '#main', text: t('ui.skip') }),
  h('header', { class: 'topbar' }, h('h1', { class: 'deck-title', text: t('ui.verify.title') })),
  main,
  announcer.element,
);

function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? dateOnly.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : iso;
}

function detailsList(d: CertificateDetails): HTMLElement {
  const row = (label: Parameters<typeof t>[0], value: string | null) =>
    value ? h('div', { class: 'co-stat' }, h('dt', { text: t(label) }), h('dd', { text: value })) : null;
  return h(
    'dl',
    { class: 'co-stats verify-details' },
    row('ui.verify.name', d.name),
    row('ui.verify.rank', d.rank),
    row('ui.verify.serviceNumber', d.serviceNumber),
    row('ui.verify.module', t('ui.verify.moduleValue', { module: d.module, title: d.courseTitle })),
    row('ui.verify.edition', d.edition),
    row('ui.verify.date', formatDate(d.date)),
    row('ui.verify.place', d.place),
    row('ui.verify.centre', d.centre),
    row('ui.verify.hours', formatNumber(d.hours, 2)),
    row('ui.verify.id', d.id),
  );
}

type Shown = RecordCheck['status'] | 'tampered' | 'unsigned';

function statusCard(status: Shown, record: RecordCheck | null, fileReason: string | null): HTMLElement {
  const good = status === 'valid';
  const heading = {
    valid: 'ui.verify.valid',
    revoked: 'ui.verify.revoked',
    unknown: 'ui.verify.unknown',
    invalid: 'ui.verify.invalid',
    tampered: 'ui.verify.tampered',
    unsigned: 'ui.verify.unsigned',
  } as const;
  const help = {
    valid: 'ui.verify.validHelp',
    revoked: 'ui.verify.revokedHelp',
    unknown: 'ui.verify.unknownHelp',
    invalid: 'ui.verify.invalidHelp',
    tampered: 'ui.verify.tamperedHelp',
    unsigned: 'ui.verify.unsignedHelp',
  } as const;
  return h(
    'section',
    {
      class: `card verify-card ${good ? 'verify-ok' : 'verify-bad'}`,
      'aria-labelledby': 'verify-status',
    },
    h('h2', { id: 'verify-status', tabindex: '-1', text: t(heading[status]) }),
    h('p', { text: t(help[status]) }),
    fileReason ? h('p', { text: t('ui.verify.reason', { reason: fileReason }) }) : null,
    record && record.status === 'revoked' && record.revokedAt !== null
      ? h('p', {
          class: 'verify-revocation',
          text: t('ui.verify.revokedOn', {
            date: dateTime.format(new Date(record.revokedAt)),
            reason: record.reason ?? '',
          }),
        })
      : null,
    record?.details ? detailsList(record.details) : null,
    record?.details ? h('p', { class: 'hint', text: t('ui.verify.compare') }) : null,
  );
}

async function checkId(id: string): Promise<void> {
  fill(result, h('p', { class: 'muted', text: t('ui.verify.checking') }));
  try {
    const response = await fetch(`/api/verify/${encodeURIComponent(id)}`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(String(response.status));
    const check = (await response.json()) as RecordCheck;
    fill(result, statusCard(check.status, check, null));
    announcer.say(t(`ui.verify.${check.status}`));
  } catch {
    fill(result, h('p', { class: 'alert', role: 'alert', text: errorMessage('INTERNAL') }));
  }
}

async function checkFile(file: File): Promise<void> {
  fill(result, h('p', { class: 'muted', text: t('ui.verify.checking') }));
  try {
    const response = await fetch('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', accept: 'application/json' },
      body: await file.arrayBuffer(),
    });
    const json = (await response.json().catch(() => null)) as
      | FileCheck
      | { error?: { code?: string } }
      | null;
    if (!response.ok || !json || !('status' in json)) {
      const code = (json as { error?: { code?: string } } | null)?.error?.code ?? 'INTERNAL';
      fill(result, h('p', { class: 'alert', role: 'alert', text: errorMessage(code) }));
      return;
    }
    const shown = json.file.status === 'valid' ? json.status : json.file.status;
    fill(result, statusCard(shown, json.record, json.file.status === 'valid' ? null : json.file.reason));
    announcer.say(t(`ui.verify.${shown}`));
  } catch {
    fill(result, h('p', { class: 'alert', role: 'alert', text: errorMessage('INTERNAL') }));
  }
  document.getElementById('verify-status')?.focus();
}

function forms(): HTMLElement[] {
  const idInput = h('input', {
    type: 'text',
    id: 'verify-id',
    value: pathId,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    'aria-describedby': 'verify-id-hint verify-id-error',
  });
  const idError = h('p', { class: 'alert', id: 'verify-id-error', role: 'alert' });
  idError.hidden = true;
  const byId = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'verify-by-id' },
    h('h2', { id: 'verify-by-id', text: t('ui.verify.byId') }),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'verify-id', text: t('ui.verify.idLabel') }),
      h('p', { class: 'hint', id: 'verify-id-hint', text: t('ui.verify.idHint') }),
      idInput,
    ),
    idError,
    h('button', { type: 'submit', class: 'primary', text: t('ui.verify.check') }),
  );
  byId.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = idInput.value.trim().toUpperCase().replace(/\s+/g, '');
    if (!CERTIFICATE_ID.test(id)) {
      idInput.setAttribute('aria-invalid', 'true');
      idError.textContent = t('ui.verify.idInvalid');
      idError.hidden = false;
      idInput.focus();
      return;
    }
    const query = new URLSearchParams(location.search).get('lang');
    location.assign(`/verify/${encodeURIComponent(id)}${query ? `?lang=${encodeURIComponent(query)}` : ''}`);
  });

  const fileInput = h('input', { type: 'file', id: 'verify-file', accept: '.pdf,application/pdf' });
  const byFile = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'verify-by-file' },
    h('h2', { id: 'verify-by-file', text: t('ui.verify.byFile') }),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'verify-file', text: t('ui.verify.fileLabel') }),
      h('p', { class: 'hint', id: 'verify-file-hint', text: t('ui.verify.fileHint') }),
      fileInput,
    ),
    h('button', { type: 'submit', text: t('ui.verify.checkFile') }),
  );
  fileInput.setAttribute('aria-describedby', 'verify-file-hint');
  byFile.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      fileInput.setAttribute('aria-invalid', 'true');
      fileInput.focus();
      return;
    }
    fileInput.removeAttribute('aria-invalid');
    void checkFile(file);
  });
  return [byId, byFile];
}

fill(main, result, h('div', { class: 'verify-forms' }, ...forms()));
if (pathId) void checkId(pathId.toUpperCase());
