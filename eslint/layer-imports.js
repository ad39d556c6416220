// Layer rules as allow-lists (after VS Code's code-import-patterns): each layer names the layers
// and npm packages it may import; anything not listed is an error. Do not relax these rules to
// make an import pass: move the code to the layer it belongs to.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE = ['node:*', ...builtinModules];
const TEST = ['vitest'];

/** Layer -> what it may import. `layers`: src folders; `packages`: npm names (`x/*` = subpaths). */
export const LAYERS = {
  shared: { layers: ['shared'], packages: ['zod'] },
  // Documents drawn in Node for both the station (labels) and the server (invoices): PDF rendering.
  documents: { layers: ['documents', 'shared'], packages: [...NODE, 'pdfkit', 'bwip-js', 'bwip-js/*'] },
  renderer: {
    layers: ['renderer', 'shared'],
    // @fontsource: the station's typeface (CSS and font files only), bundled so every station looks the same.
    packages: [
      'react',
      'react/*',
      'react-dom',
      'react-dom/*',
      'rxdb',
      'rxdb/*',
      'rxjs',
      'rxjs/*',
      'zustand',
      'zustand/*',
      'zod',
      '@fontsource/noto-sans/*',
    ],
  },
  preload: { layers: ['preload', 'shared'], packages: ['electron'] },
  main: {
    layers: ['main', 'documents', 'shared'],
    packages: [
      ...NODE,
      'electron',
      'zod',
      'pdfkit',
      'fontkit',
      'iconv-lite',
      'bwip-js',
      'bwip-js/*',
      'node-thermal-printer',
      'zpl-renderer-js',
    ],
  },
  server: {
    layers: ['server', 'documents', 'shared'],
    packages: [
      ...NODE,
      'zod',
      'fastify',
      'fastify/*',
      '@fastify/*',
      'pino',
      'pg',
      '@electric-sql/pglite',
      '@electric-sql/pglite/*',
      'kysely',
      'nodemailer',
      'mercurius',
      'graphql',
    ],
  },
};
/** Only tests and test support (virtual devices, decoders) may use these on top of their layer's list. */
const TEST_PACKAGES = {
  main: [...TEST, 'zxing-wasm', 'zxing-wasm/*'],
  server: [...TEST, 'vitest/*', 'fast-check', 'smtp-server', 'mailparser', 'typescript', 'esbuild'],
  shared: TEST,
  documents: TEST,
  // fake-indexeddb: the station's Dexie storage in Node (the browser's IndexedDB is tested in e2e).
  renderer: [...TEST, 'rxdb/plugins/*', 'fake-indexeddb'],
};

/** Packages only a part of a layer may use: Electron stays in the shell, so the station host runs the rest. */
const ONLY_IN = { electron: ['src/main/electron/', 'src/preload/'] };

const isTestFile = (file) => /\.test\.tsx?$/.test(file) || file.includes(`${sep}testing${sep}`);

function layerOf(file, root) {
  const rel = relative(root, file).split(sep);
  return rel[0] === 'src' && LAYERS[rel[1]] ? rel[1] : null;
}

function packageAllowed(spec, allowed) {
  return allowed.some((p) =>
    p.endsWith('/*') ? spec.startsWith(p.slice(0, -1)) : p === '*' ? true : p === 'node:*' ? spec.startsWith('node:') : spec === p,
  );
}

export const layerImports = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      layer: '{{from}} may not import src/{{to}} (allowed: {{allowed}})',
      pkg: "{{from}} may not import the package '{{spec}}' (allowed: {{allowed}})",
    },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = layerOf(file, root);
    if (!from) return {};
    const rule = LAYERS[from];
    const packages = isTestFile(file) ? [...rule.packages, ...(TEST_PACKAGES[from] ?? [])] : rule.packages;
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const to = layerOf(resolve(dirname(file), spec), root);
        if (to && !rule.layers.includes(to))
          context.report({
            node,
            messageId: 'layer',
            data: { from: `src/${from}`, to, allowed: rule.layers.map((l) => `src/${l}`).join(', ') },
          });
        return;
      }
      const only = ONLY_IN[spec];
      const relFile = relative(root, file).split(sep).join('/');
      if (only && !only.some((prefix) => relFile.startsWith(prefix))) {
        context.report({ node, messageId: 'pkg', data: { from: relFile, spec, allowed: `only ${only.join(', ')} may import ${spec}` } });
        return;
      }
      if (!packageAllowed(spec, packages))
        context.report({
          node,
          messageId: 'pkg',
          data: { from: `src/${from}`, spec, allowed: packages.filter((p) => !builtinModules.includes(p)).join(', ') },
        });
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
