import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import { type Bundle, renderBundle } from '../../spec/bundle.ts';
import type { MockContext } from '../context.ts';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

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
 * The API reference at `/api/docs` (Swagger UI from the swagger-ui-dist package: no CDN), and the
 * contract itself at `/api/openapi.yaml` and `/api/openapi.json` as its alias-free bundle (with its
 * `$ref`s, without YAML anchors or comments): what every tool reads the same way. Rendered on the
 * first request, not at start, since most runs never ask for it.
 */
export function serveDocs(ctx: MockContext): Router {
  const router = Router();
  const base = ctx.basePath;
  let bundle: Bundle | undefined;
  const rendered = () => {
    bundle ??= renderBundle(ctx.spec.raw);
    return bundle;
  };
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(rendered().json);
  });
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(rendered().yaml);
  });
  router.get(['/docs', '/docs/', '/docs/index.html'], (_req, res) => {
    res.type('html').send(page(base));
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(init(base));
  });
  router.use('/docs', express.static(SWAGGER_UI_DIR, { index: false, maxAge: '1h' }));
  return router;
}
