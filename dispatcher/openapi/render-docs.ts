/**
 * /docs: the OpenAPI document rendered as one self-contained HTML page (no scripts, no CDN: the machines
 * have no internet). Operations by tag, with roles, parameters, request schema and examples.
 */
type Json = Record<string, unknown>;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const code = (value: unknown): string =>
  `<pre>${escape(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}</pre>`;

export function renderDocs(document: Json): string {
  const info = document.info as Json;
  const paths = document.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0] as string;
      const anchor = escape(String(op.operationId));
      toc.push(`<li><a href="#${anchor}"><code>${method.toUpperCase()} ${escape(path)}</code></a> ${escape(String(op.summary ?? ''))}</li>`);
      const list = byTag.get(tag) ?? [];
      list.push(renderOperation(method, path, op));
      byTag.set(tag, list);
    }
  }
  const sections = [...byTag.entries()].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(String(info.title))}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
pre{background:#f5f5f5;padding:.6rem;overflow:auto;font-size:.85rem;border-radius:4px}
.op{border:1px solid #ddd;border-radius:6px;padding:.2rem 1rem;margin:1rem 0}
.method{font-weight:bold;text-transform:uppercase;margin-right:.5rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
details summary{cursor:pointer;color:#035}
</style></head><body>
<h1>${escape(String(info.title))} <small>${escape(String(info.version))}</small></h1>
<p>${escape(String(info.description ?? ''))}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<ul>${toc.join('\n')}</ul>
${sections}
</body></html>`;
}

function renderOperation(method: string, path: string, op: Json): string {
  const parts: string[] = [];
  parts.push(`<h3 id="${escape(String(op.operationId))}"><span class="method">${method}</span><code>${escape(path)}</code></h3>`);
  parts.push(`<p><strong>${escape(String(op.summary ?? ''))}</strong></p>`);
  if (typeof op.description === 'string') parts.push(`<p>${escape(op.description)}</p>`);
  const roles = op['x-roles'] as string[] | undefined;
  parts.push(`<p>Access: ${roles === undefined || roles.length === 0 ? 'public' : `Bearer token with role ${roles.map(escape).join(', ')}`}</p>`);
  const parameters = (op.parameters as Json[] | undefined) ?? [];
  if (parameters.length > 0) {
    const rows = parameters.map(
      (p) =>
        `<tr><td><code>${escape(String(p.name))}</code></td><td>${escape(String(p.in))}</td><td>${p.required === true ? 'yes' : ''}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`,
    );
    parts.push(`<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${rows.join('')}</table>`);
  }
  const body = op.requestBody as Json | undefined;
  if (body !== undefined) {
    for (const [type, media] of Object.entries(body.content as Record<string, Json>)) {
      parts.push(`<p>Request body <code>${escape(type)}</code>${typeof body.description === 'string' ? `: ${escape(body.description)}` : ''}</p>`);
      if (media.schema !== undefined && type === 'application/json') parts.push(`<details><summary>schema</summary>${code(media.schema)}</details>`);
      if (media.example !== undefined) parts.push(`<p>Example:</p>${code(media.example)}`);
    }
  }
  const responses = op.responses as Record<string, Json>;
  const rows = Object.entries(responses).map(([status, response]) => {
    const content = response.content as Record<string, Json> | undefined;
    const example = content === undefined ? undefined : Object.values(content).find((m) => m.example !== undefined)?.example;
    return `<tr><td>${escape(status)}</td><td>${escape(String(response.description))}${example === undefined ? '' : `<details><summary>example</summary>${code(example)}</details>`}</td></tr>`;
  });
  parts.push(`<table><tr><th>status</th><th>response</th></tr>${rows.join('')}</table>`);
  const codes = op['x-error-codes'] as string[] | undefined;
  if (codes !== undefined) parts.push(`<p>Error codes: ${codes.map((c) => `<code>${escape(c)}</code>`).join(', ')}</p>`);
  return `<section class="op">${parts.join('\n')}</section>`;
}
