import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(process.cwd(), 'src');

function appFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return appFiles(path);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a built file loads, following relative imports; bare specifiers are returned, not followed. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe('the browser loads the light contracts entry only', () => {
  it('imports values from @wingxtra/contracts/client only; the main entry, if at all, as types', () => {
    const offending = appFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(@wingxtra\/contracts[^']*)'/gm)]
        .filter((m) => m[2] !== '@wingxtra/contracts/client' && !m[1])
        .map((m) => `${relative(SRC, file)}: ${m[0].replace(/\s+/g, ' ')}`),
    );
    expect(offending).toEqual([]);
  });

  it('never loads class-validator, class-transformer or reflect-metadata through the built client entry', () => {
    const require = createRequire(join(process.cwd(), 'package.json'));
    const graph = importGraph(require.resolve('@wingxtra/contracts/client'));
    expect(graph.files.length).toBeGreaterThan(5);
    expect(graph.packages).toEqual([]);
  });
});
