// Parses the Mermaid text on stdin with the real mermaid parser (as GitLab,
// GitHub and Obsidian use it), under jsdom. Run as
//   node check.mjs MODULES_DIR < diagram.mmd
// where MODULES_DIR holds node_modules with mermaid and jsdom
// (npm install mermaid jsdom). Exit status 1 on a parse error.
import { createRequire } from 'module';
import { pathToFileURL } from 'url';
import { readFileSync } from 'fs';
const require = createRequire(process.argv[2].replace(/\/?$/, '/'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
try {
  const r = await mermaid.parse(readFileSync(0, 'utf8'));
  console.log(r.diagramType);
} catch (e) {
  console.error('parse error:', e.message || e);
  process.exit(1);
}
