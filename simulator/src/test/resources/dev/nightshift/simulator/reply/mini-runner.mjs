// A minimal describe/it/test/expect harness for plain node, used only when npm cannot install Mocha and Jest:
// it runs a generated Mocha or Jest file's cases and assertions, and exits 1 when any case fails.
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

const cases = [];
const prefix = [];
globalThis.describe = (name, body) => { prefix.push(name); body(); prefix.pop(); };
globalThis.it = globalThis.test = (name, body) => cases.push({ name: [...prefix, name].join(' '), body });

function matchers(actual, negated) {
  const check = (ok, message) => { if (ok === negated) throw new Error((negated ? 'not ' : '') + message); };
  const m = {
    toBe: (e) => check(Object.is(actual, e), `expected ${String(actual)} to be ${String(e)}`),
    toEqual: (e) => check(JSON.stringify(actual) === JSON.stringify(e), 'expected equal values'),
    toBeCloseTo: (e, digits = 2) => check(Math.abs(actual - e) < 10 ** -digits / 2, `expected ${actual} close to ${e}`),
    toBeDefined: () => check(actual !== undefined, 'expected a defined value'),
    toBeNull: () => check(actual === null, `expected ${String(actual)} to be null`),
    toBeInstanceOf: (c) => check(actual instanceof c, 'expected an instance'),
    toBeLessThan: (e) => check(actual < e, `expected ${actual} < ${e}`),
    toThrow: (type) => {
      let thrown = null;
      try { actual(); } catch (e) { thrown = e; }
      check(thrown !== null && (type === undefined || thrown instanceof type), 'expected a throw' + (type ? ' of ' + type.name : ''));
    },
  };
  return m;
}
globalThis.expect = (actual) => Object.assign(matchers(actual, false), { not: matchers(actual, true) });

const file = path.resolve(process.argv[2]);
if (file.endsWith('.cjs') || process.argv[3] === 'cjs') {
  createRequire(import.meta.url)(file);
} else {
  await import(pathToFileURL(file).href);
}
let failed = 0;
for (const c of cases) {
  try { await c.body(); console.log('ok - ' + c.name); } catch (e) { failed++; console.log('not ok - ' + c.name + ': ' + e.message); }
}
console.log(`# pass ${cases.length - failed}\n# fail ${failed}`);
process.exit(failed === 0 && cases.length > 0 ? 0 : 1);
