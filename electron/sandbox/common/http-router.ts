// A tiny method + path router for the sandbox's API. Every API route needs a Bearer access token
// (docs/providers/goto.md: the same token/user must create the channel and its subscriptions, so handlers get
// the principal behind the token). Answers are counted per route so tests can assert what the
// client actually called.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, drain, sendError } from './http-io';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The principal behind the access token. */
  principal: string;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with `:name` segments, e.g. `/notification-channel/v1/channels/:nickname`. */
  path: string;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  key: string;
}

export interface Router {
  /** True when a route (or a 404/405/401 answer) handled the request. */
  dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** `METHOD /pattern` of the route that matches, or null. */
  routeKey(method: string, path: string): string | null;
}

export function createRouter(routes: Route[], verify: (token: string) => string | null): Router {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...route, regex: new RegExp(`^${source}/?$`), names, key: `${route.method} ${route.path}` };
  });

  const match = (path: string): { route: CompiledRoute; params: Record<string, string> }[] => {
    const out: { route: CompiledRoute; params: Record<string, string> }[] = [];
    for (const route of compiled) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      let ok = true;
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          ok = false; // a malformed %-escape cannot name anything that exists
        }
      });
      if (ok) out.push({ route, params });
    }
    return out;
  };

  return {
    routeKey(method, path) {
      const hits = match(path);
      return (hits.find((h) => h.route.method === method) ?? hits[0])?.route.key ?? null;
    },
    async dispatch(req, res, url) {
      const hits = match(url.pathname);
      const hit = hits.find((h) => h.route.method === req.method);
      if (!hit) {
        await drain(req);
        if (hits.length > 0) {
          const allow = [...new Set(hits.map((h) => h.route.method))].join(', ');
          return sendError(res, new ApiError(405, 'METHOD_NOT_ALLOWED', `Use ${allow}.`, { allow }));
        }
        return sendError(res, new ApiError(404, 'NOT_FOUND', `No route for ${req.method ?? '?'} ${url.pathname}.`));
      }
      const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
      const principal = token ? verify(token) : null;
      if (!principal) {
        await drain(req);
        return sendError(
          res,
          new ApiError(401, 'AUTHN_INVALID_TOKEN', token ? 'The access token is invalid or expired.' : 'Missing Bearer access token.', {
            'www-authenticate': 'Bearer',
          }),
        );
      }
      await hit.route.handler({ req, res, url, params: hit.params, principal });
    },
  };
}
