/** A self-contained HTML page listing every operation of the OpenAPI document: no scripts, no remote assets (the station CSP and offline sites). */
type Json = Record<string, unknown>;

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function renderDocsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, { method: string; path: string; op: Json }[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
    }
  }
  const sections = [...byTag.keys()]
    .sort()
    .map((tag) => {
      const rows = byTag
        .get(tag)!
        .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
        .map(({ method, path, op }) => {
          const params = ((op.parameters as Json[] | undefined) ?? [])
            .map((p) => `<code>${esc(p.name)}</code> <small>${esc(p.in)}${p.required ? ', required' : ''}</small>`)
            .join('<br>');
          const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: { $ref?: string } }> | undefined;
          const bodyRef = body ? Object.values(body)[0]?.schema.$ref?.split('/').pop() : undefined;
          const roles = (op['x-roles'] as string[] | undefined) ?? [];
          const statuses = Object.keys((op.responses as Json | undefined) ?? {}).join(' ');
          return `<tr id="${esc(op.operationId)}"><td><span class="m m-${esc(method.toLowerCase())}">${esc(method)}</span></td><td><code>${esc(path)}</code><div>${esc(op.summary)}</div>${op.description ? `<p>${esc(op.description)}</p>` : ''}</td><td>${params}</td><td>${bodyRef ? `<a href="#schema-${esc(bodyRef)}">${esc(bodyRef)}</a>` : ''}</td><td>${roles.length ? esc(roles.join(', ')) : (op.security as unknown[] | undefined)?.length ? 'authenticated' : 'public'}${op['x-scope'] ? `<br><small>scope: ${esc(op['x-scope'])}</small>` : ''}${op['x-idempotent'] ? '<br><small>Idempotency-Key</small>' : ''}</td><td>${esc(statuses)}</td></tr>`;
        })
        .join('\n');
      return `<section><h2>${esc(tag)}</h2><table><thead><tr><th></th><th>operation</th><th>parameters</th><th>body</th><th>who</th><th>answers</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('\n');
  const schemas = Object.entries(((doc.components as Json).schemas as Record<string, Json>) ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, schema]) =>
        `<details id="schema-${esc(name)}"><summary>${esc(name)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} API</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1300px}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border-bottom:1px solid #d8dee4;padding:.45rem;vertical-align:top;text-align:left}
code{font:13px ui-monospace,monospace}td p{color:#57606a;margin:.3rem 0 0}.m{font:bold 12px ui-monospace,monospace;padding:.1rem .35rem;border-radius:3px;color:#fff}
.m-get{background:#0969da}.m-post{background:#1a7f37}.m-patch{background:#9a6700}.m-put{background:#8250df}.m-delete{background:#cf222e}
pre{background:#f6f8fa;padding:.6rem;overflow:auto}summary{cursor:pointer;font-family:ui-monospace,monospace}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${sections}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
