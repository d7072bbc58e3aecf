/** Every operation the app answers, read from src/routes: page GETs, form actions and endpoint methods. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectRoot } from '../../src/lib/server/paths.ts';

const routesDir = join(projectRoot, 'src', 'routes');

function folders(dir: string): string[] {
  return [dir, ...readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? folders(join(dir, name)) : []))];
}

/** The route id of a folder under src/routes: `/customers/[id]`; groups such as `(app)` drop out. */
function routeId(dir: string): string {
  const parts = relative(routesDir, dir).split(sep).filter((p) => p && !/^\(.*\)$/.test(p));
  return `/${parts.join('/')}`;
}

/** The names of the form actions a +page.server.ts exports (`default` for an unnamed one). */
export function actionNames(source: string): string[] {
  const start = source.search(/export const actions\b/);
  if (start < 0) return [];
  const body = source.slice(start, source.indexOf('\n};', start));
  return [...body.matchAll(/^ {2}(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\()/gm)].map((m) => m[1]);
}

/** The HTTP methods a +server.ts exports. */
export function endpointMethods(source: string): string[] {
  return [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|fallback)\b/g)].map((m) => m[1]);
}

/** One thing the app answers: `GET /aging` (a page), `POST /admin/users?/add` (a named form action), `POST /login` (a default action), `GET /explore/data` (an endpoint). */
export interface Operation {
  op: string;
  kind: 'page' | 'action' | 'endpoint';
}

/** Every operation of the app, sorted. */
export function routeOperations(): Operation[] {
  const ops: Operation[] = [];
  for (const dir of folders(routesDir)) {
    const id = routeId(dir);
    if (existsSync(join(dir, '+page.svelte'))) ops.push({ op: `GET ${id}`, kind: 'page' });
    const server = join(dir, '+page.server.ts');
    if (existsSync(server)) {
      for (const name of actionNames(readFileSync(server, 'utf8'))) ops.push({ op: name === 'default' ? `POST ${id}` : `POST ${id}?/${name}`, kind: 'action' });
    }
    const endpoint = join(dir, '+server.ts');
    if (existsSync(endpoint)) for (const method of endpointMethods(readFileSync(endpoint, 'utf8'))) ops.push({ op: `${method} ${id}`, kind: 'endpoint' });
  }
  return ops.sort((a, b) => (a.op < b.op ? -1 : a.op > b.op ? 1 : a.kind < b.kind ? -1 : 1));
}
