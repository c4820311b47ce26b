/**
 * The self-paced course's service worker (`/sw.js`, scope `/learn`). It keeps a copy of the page, its
 * bundle, the stylesheet and the course package, so that `/learn` opens offline once it has been
 * loaded. Network first (a course updated on the server reaches the learner), the copy when the network
 * fails or takes too long. Every other request, the attempt API included, passes through untouched:
 * the Lectern tracker keeps progress on the device and retries.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}

interface ServiceWorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const sw = globalThis as unknown as ServiceWorkerScope;

const CACHE = 'lectern-learn-v1';
const PAGE = '/learn';
const FILES = [PAGE, '/assets/self-paced.js', '/assets/lectern.css', '/api/self-paced/package'];
/** After this long without an answer, the copy is served while the network request goes on. */
const NETWORK_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('lectern-learn-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // `/learn?lang=fr` is the same page in another language: one copy, the latest loaded.
  const key = url.pathname === PAGE ? PAGE : FILES.includes(url.pathname) ? url.pathname : null;
  if (!key) return;
  event.respondWith(networkFirst(request, key));
});

async function networkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  // When the copy wins the race, a late network failure is expected and not an error.
  fromNetwork.catch(() => undefined);
  const fromCache = new Promise<Response | undefined>((resolve) => {
    setTimeout(() => resolve(cache.match(key)), NETWORK_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([fromNetwork, fromCache]);
    if (response) return response;
    return await fromNetwork;
  } catch {
    return (await cache.match(key)) ?? Response.error();
  }
}
