import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { MockContext } from '../context.ts';
import type { CoreResponse } from '../core/exchange.ts';
import type { ExtraRoute } from '../core/handle-request.ts';
import { DOCUMENT_SECURITY_HEADERS } from '../http/security-headers.ts';
import { type Bundle, renderBundle } from '../openapi/bundle.ts';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const page = (base: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>AI Call Center API (mock)</title>
  <link rel="stylesheet" href="${base}/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/docs/swagger-ui-bundle.js"></script>
  <script src="${base}/docs/init.js"></script>
</body>
</html>
`;

// A file of its own, not an inline script, so the Content-Security-Policy can stay 'self' only.
// "Try it out" sends requests to the page's own origin: the contract's `servers` names
// http://localhost:3001, which is another origin (blocked by connect-src 'self') as soon as the mock
// runs on another port or is opened at 127.0.0.1. The contract is fetched and its servers replaced
// by the one this page came from, so the docs work wherever the mock listens.
const init = (base: string) => `fetch('${base}/openapi.json')
  .then((response) => response.json())
  .then((spec) => {
    spec.servers = [{ url: window.location.origin + '${base}', description: 'This mock (where this page came from)' }];
    window.ui = SwaggerUIBundle({
      spec,
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
    });
  });
`;

/**
 * The API reference at `/api/docs` (Swagger UI from the swagger-ui-dist package: no CDN), the
 * contract itself at `/api/openapi.yaml` and `/api/openapi.json` as its alias-free bundle, and `/`
 * sent to the docs where the contract has no operation of its own there. A server's extra route:
 * the files are read from disk, which a page has not. Rendered on the first request, not at start,
 * since most runs never ask for it. Only the files swagger-ui-dist ships, by name, are served: a
 * path that climbs out of its folder names no file of that list.
 */
export function serveDocs(ctx: MockContext): ExtraRoute {
  const base = ctx.basePath;
  let bundle: Bundle | undefined;
  let assets: Set<string> | undefined;
  const rendered = () => {
    bundle ??= renderBundle(ctx.spec.raw);
    return bundle;
  };
  const text = (headers: Record<string, string>, type: string, body: string): CoreResponse => {
    const bytes = new TextEncoder().encode(body);
    headers['Content-Type'] = type;
    headers['Content-Length'] = String(bytes.length);
    return { status: 200, headers, body: bytes };
  };
  return (req, path, headers) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    if (path === '/' && base !== '') {
      headers.Location = `${base}/docs`;
      return {
        ...text(headers, 'text/plain; charset=utf-8', `Found. Redirecting to ${base}/docs`),
        status: 302,
      };
    }
    if (path === `${base}/openapi.json`)
      return text(headers, 'application/json; charset=utf-8', rendered().json);
    if (path === `${base}/openapi.yaml`)
      return text(headers, 'application/yaml; charset=utf-8', rendered().yaml);
    if (!path.startsWith(`${base}/docs`)) return undefined;
    const rest = path.slice(base.length + '/docs'.length);
    const documentHeaders = () => {
      for (const name of Object.keys(headers))
        if (/^(content-security-policy|x-frame-options)$/i.test(name)) delete headers[name];
      for (const [name, value] of DOCUMENT_SECURITY_HEADERS) headers[name] = value;
      return headers;
    };
    if (rest === '' || rest === '/' || rest === '/index.html')
      return text(documentHeaders(), 'text/html; charset=utf-8', page(base));
    if (rest === '/init.js')
      return text(documentHeaders(), 'application/javascript; charset=utf-8', init(base));
    assets ??= new Set(readdirSync(SWAGGER_UI_DIR));
    const name = rest.slice(1);
    if (!assets.has(name) || name.startsWith('.')) return undefined;
    const file = join(SWAGGER_UI_DIR, name);
    const out = documentHeaders();
    out['Content-Type'] = TYPES[extname(name)] ?? 'application/octet-stream';
    out['Cache-Control'] = 'public, max-age=3600';
    const size = statSync(file).size;
    out['Content-Length'] = String(size);
    return { status: 200, headers: out, file: { path: file, size } };
  };
}
