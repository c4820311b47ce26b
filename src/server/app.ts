/**
 * The Lectern server: HTTP pages and API, and the WebSocket endpoint of live sessions, in one process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { Course } from '../content/model.ts';
import { createLiveXapi } from '../exports/xapi/live-xapi.ts';
import { createLrsClient, lrsConfigFromEnv } from '../exports/xapi/lrs-client.ts';
import { ERRORS, LiveError } from '../live/errors.ts';
import { audienceSchema } from '../live/protocol.ts';
import type { Store } from '../store/store.ts';
import { buildClientBundles, type ClientBundles } from './client-bundles.ts';
import { bearer, readJson, sendAsset, sendHtml, sendJson } from './http.ts';
import { LiveHub } from './live-hub.ts';
import { lanAddress } from './network.ts';
import { languageFor, type PageView, renderPage } from './pages.ts';
import { preparationChecklist } from './preparation.ts';
import { handleRecords } from './records-routes.ts';
import { handleSelfPaced } from './self-paced-routes.ts';
import { hashToken, tokenMatches } from './tokens.ts';

export interface LecternOptions {
  course: Course;
  store: Store;
  /** 0.0.0.0 serves the classroom network; tests use 127.0.0.1. */
  host: string;
  port: number;
  /** Secret that opens the preparation page and creates sessions. */
  instructorKey: string;
  /** The data folder: the certificate issuer key is kept in `<dataDir>/issuer/` (default `data`). */
  dataDir?: string;
  /** Base URL printed and encoded in QR codes; defaults to http://<LAN address>:<port>. */
  publicUrl?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface Lectern {
  /** The URL to reach this server from this machine. */
  url: string;
  /** The URL phones use (LAN address). */
  publicUrl: string;
  hub: LiveHub;
  /** The views' browser code, bundled on first use. */
  bundles(): Promise<ClientBundles>;
  close(): Promise<void>;
}

const createSessionBody = z.strictObject({
  audience: audienceSchema.optional(),
  missionPack: z.string().max(64).nullable().optional(),
});
const checklistBody = z.strictObject({
  checklist: z.record(z.string().max(64), z.boolean()),
  missionPack: z.string().max(64).nullable().optional(),
});

export async function startLectern(options: LecternOptions): Promise<Lectern> {
  const log = options.log ?? ((message, error) => console.error(`lectern: ${message}`, error ?? ''));
  // Live xAPI: statements to the LRS set in the environment; with none set nothing is sent.
  let xapiHome = '';
  const xapi = createLiveXapi({
    course: options.course,
    lrs: createLrsClient(lrsConfigFromEnv(process.env), { log }),
    homePage: () => xapiHome,
    base: process.env.LECTERN_XAPI_BASE,
    names: process.env.LECTERN_LRS_NAMES === '1',
    log,
  });
  const hub = new LiveHub(options.store, options.course, log, xapi);
  await hub.resume();
  let bundling: Promise<ClientBundles> | undefined;
  const bundles = () => {
    bundling ??= buildClientBundles();
    return bundling;
  };
  const instructorKeyHash = hashToken(options.instructorKey);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof LiveError) return sendError(res, error);
      log('unexpected error serving a request', error);
      sendError(res, new LiveError('INTERNAL'));
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.connect(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const localHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${localHost}:${port}`;
  const publicUrl =
    options.publicUrl ?? (options.host === '0.0.0.0' ? `http://${lanAddress() ?? localHost}:${port}` : url);
  xapiHome = publicUrl;

  const requireInstructor = (req: IncomingMessage) => {
    const token = bearer(req);
    if (token === undefined || !tokenMatches(token, instructorKeyHash))
      throw new LiveError('NOT_AUTHENTICATED');
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', 'http://localhost');
    const path = requestUrl.pathname;
    const method = req.method ?? 'GET';
    const lang = languageFor(requestUrl.searchParams.get('lang'), req.headers['accept-language']);
    const page = (view: PageView, extra: Record<string, unknown> = {}) =>
      sendHtml(
        res,
        renderPage({ view, lang, title: options.course.meta.title, config: { publicUrl, ...extra } }),
      );

    if (method === 'GET' && path === '/healthz')
      return sendJson(res, 200, { ok: true, sessions: hub.list().length });
    if (method === 'GET' && path.startsWith('/assets/')) {
      return sendAsset(res, (await bundles()).get(path.slice('/assets/'.length)));
    }
    if (method === 'GET' && (path === '/' || path === '/join')) return page('participant', { code: null });
    let m = /^\/j\/([A-Za-z0-9-]{3,12})$/.exec(path);
    if (method === 'GET' && m) return page('participant', { code: m[1]?.toUpperCase() });
    if (method === 'GET' && path === '/prepare') return page('prepare');
    m = /^\/present\/([\w-]+)$/.exec(path);
    if (method === 'GET' && m) return page('presenter', { sessionId: m[1] });
    m = /^\/projector\/([\w-]+)$/.exec(path);
    if (method === 'GET' && m) return page('projector', { sessionId: m[1] });
    m = /^\/qr\/([A-Za-z0-9]{3,12})\.svg$/.exec(path);
    if (method === 'GET' && m) {
      const svg = await QRCode.toString(`${publicUrl}/j/${m[1]}`, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' });
      res.end(svg);
      return;
    }

    // ── API ──
    if (path === '/api/sessions' && method === 'POST') {
      requireInstructor(req);
      const body = await readJson(req, createSessionBody);
      const audience = body.audience ?? {
        level: 'operational',
        components: ['military', 'police', 'civilian'],
      };
      const created = await hub.create(audience, body.missionPack ?? null);
      return sendJson(res, 201, {
        ...created,
        joinUrl: `${publicUrl}/j/${created.code}`,
        presenterUrl: `${url}/present/${created.sessionId}#token=${created.presenterToken}`,
        projectorUrl: `${url}/projector/${created.sessionId}#token=${created.projectorToken}`,
      });
    }
    if (path === '/api/sessions' && method === 'GET') {
      requireInstructor(req);
      return sendJson(
        res,
        200,
        hub
          .list()
          .map((s) => ({ ...s.view(), createdAt: s.record.createdAt, checklist: s.record.checklist })),
      );
    }
    if (path === '/api/preparation' && method === 'GET') {
      requireInstructor(req);
      return sendJson(res, 200, preparationChecklist(options.course));
    }
    m = /^\/api\/sessions\/([\w-]+)\/checklist$/.exec(path);
    if (m && method === 'PUT') {
      requireInstructor(req);
      const session = hub.get(m[1] ?? '');
      if (!session) throw new LiveError('SESSION_UNKNOWN');
      const body = await readJson(req, checklistBody);
      await options.store.saveChecklist(
        session.record.id,
        body.checklist,
        body.missionPack ?? session.record.missionPack,
      );
      session.record.checklist = body.checklist;
      return sendJson(res, 200, { ok: true });
    }
    m = /^\/api\/sessions\/([\w-]+)\/deck$/.exec(path);
    if (m && method === 'GET') {
      const token = bearer(req) ?? '';
      const sessionId = m[1] ?? '';
      try {
        const session = hub.authorise(sessionId, token, 'presenter');
        return sendJson(res, 200, { ...session.deck, activities: session.presenterActivities() });
      } catch {
        const session = hub.authorise(sessionId, token, 'projector');
        return sendJson(res, 200, { ...session.publicDeck, activities: session.publicActivities() });
      }
    }
    m = /^\/api\/join\/([A-Za-z0-9-]{3,12})$/.exec(path);
    if (m && method === 'GET') {
      const session = hub.byCode(m[1] ?? '');
      if (!session) throw new LiveError('JOIN_CODE_UNKNOWN');
      return sendJson(res, 200, {
        code: session.record.code,
        joining: session.state.joining,
        deck: session.publicDeck,
        activities: session.publicActivities(),
        items: session.publicItems(),
        outcomes: session.publicDeck.outcomes,
      });
    }
    const { course, store } = options;
    const self = { req, res, path, method, course, store, bundles, page: () => page('self-paced') };
    if (await handleSelfPaced(self)) return;
    const dataDir = options.dataDir ?? 'data';
    if (await handleRecords({ ...self, hub, lang, secret: options.instructorKey, dataDir, publicUrl, page }))
      return;
    throw new LiveError('NOT_FOUND');
  }

  return {
    url,
    publicUrl,
    hub,
    bundles,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      hub.close();
      await xapi.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendError(res: ServerResponse, error: LiveError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, ERRORS[error.code], {
    error: { code: error.code, ...(error.detail ? { detail: error.detail } : {}) },
  });
}
