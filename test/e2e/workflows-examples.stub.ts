/**
 * A stub of every platform API on 127.0.0.1 that records the calls the example workflows make.
 * Paths: /<slug>/<api path> for HTTP Request nodes (their base URL points here), /<slug>/__node/<node name>
 * for the recording doubles that stand in for platform nodes. Replies come from the example's test spec.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {StubReply} from '../../workflows-examples/build/example';

export interface RecordedCall {
  slug: string;
  method: string;
  path: string;
  /** Decoded query string. */
  query: string;
  body: unknown;
}

export interface Stub {
  base: string;
  calls: RecordedCall[];
  /** Replies for one example: "METHOD /path" -> reply, node doubles by name. */
  register(slug: string, replies: Record<string, StubReply>, doubles: Record<string, unknown>): void;
  /**
   * Overrides one call of one example until cleared (`reply` undefined): `call` is "METHOD /path" or
   * "node:<name>" (a double); the reply may carry a status, e.g. {status: 500} to make the call fail.
   */
  override(slug: string, call: string, reply: StubReply | undefined): void;
  close(): Promise<void>;
}

export async function startStub(): Promise<Stub> {
  const calls: RecordedCall[] = [];
  const replies = new Map<string, Record<string, StubReply>>();
  const doubles = new Map<string, Record<string, unknown>>();
  const failed = new Map<string, number>();
  const overrides = new Map<string, StubReply>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', d => (raw += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, slug, ...rest] = url.pathname.split('/');
      const path = '/' + rest.map(decodeURIComponent).join('/');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      const method = req.method ?? 'GET';
      calls.push({slug, method, path, query: decodeURIComponent(url.search.replace(/\+/g, ' ')), body});
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, {'content-type': 'application/json', ...headers});
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const key = `${method} ${path}`;
      /** The body of a reply, per query parameter when the reply answers per request (`byQuery`). */
      const bodyOf = (r: StubReply) => {
        const v = r.byQuery ? url.searchParams.get(r.byQuery.param) : null;
        if (r.byQuery && v !== null && v in r.byQuery.bodies) return r.byQuery.bodies[v];
        return r.body ?? {ok: true};
      };
      const forced = overrides.get(`${slug} ${key}`);
      if (forced) return send(forced.status ?? 200, bodyOf(forced), forced.headers);
      if (path.startsWith('/__node/')) {
        const name = path.slice('/__node/'.length);
        const d = doubles.get(slug)?.[name];
        return send(200, d ?? {ok: true, node: name});
      }
      const reply = replies.get(slug)?.[key];
      if (!reply) return send(200, {ok: true});
      const n = failed.get(`${slug} ${key}`) ?? 0;
      if (reply.failFirst && n < reply.failFirst) {
        failed.set(`${slug} ${key}`, n + 1);
        return send(503, {error: 'Service temporarily unavailable'});
      }
      return send(reply.status ?? 200, bodyOf(reply), reply.headers);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    register(slug, r, d) {
      replies.set(slug, r);
      doubles.set(slug, d);
    },
    override(slug, call, reply) {
      const key = `${slug} ${call.startsWith('node:') ? `POST /__node/${call.slice(5)}` : call}`;
      if (reply) overrides.set(key, reply);
      else overrides.delete(key);
    },
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
