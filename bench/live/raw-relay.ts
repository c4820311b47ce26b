/**
 * The floor for bench/live: a WebSocket server on the same library as Lectern (`ws`) that does the least
 * a live-answer server can do. The socket that connects to /projector is the projector; every message
 * any other socket sends is passed on to it as it came. No parsing, validation, storage or replies.
 * Usage: node bench/live/raw-relay.ts [--host 127.0.0.1] [--port 0]; prints "relay listening on <port>".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { type WebSocket, WebSocketServer } from 'ws';

const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });

// The same WebSocket settings as Lectern's server (no compression, same payload limit).
const server = createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server, maxPayload: 256 * 1024 });
let projector: WebSocket | null = null;

wss.on('connection', (socket, req) => {
  if (req.url === '/projector') {
    projector = socket;
    socket.on('close', () => {
      if (projector === socket) projector = null;
    });
    return;
  }
  socket.on('message', (data, isBinary) => {
    projector?.send(data, { binary: isBinary });
  });
});

server.listen(Number(values.port ?? 0), values.host ?? '127.0.0.1', () => {
  process.stdout.write(`relay listening on ${(server.address() as AddressInfo).port}\n`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
