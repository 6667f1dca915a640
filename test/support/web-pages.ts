/**
 * The pages Casebook serves are built from src/web into dist/web by
 * `npm run build` (which `npm test` runs first). A test of the pages run on
 * its own, after the sources changed, would test yesterday's page: this
 * rebuilds them first when any source is newer than what was built.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sources = join(root, 'src', 'web');
export const builtPages = join(root, 'dist', 'web');

async function modified(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}

async function stale(): Promise<boolean> {
  for (const entry of await readdir(sources, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    // Node 20.11 names the folder `path`; later versions `parentPath`.
    const source = join(entry.parentPath ?? entry.path, entry.name);
    const built = join(builtPages, relative(sources, source).replace(/\.ts$/, '.js'));
    const [sourceTime, builtTime] = await Promise.all([modified(source), modified(built)]);
    if (builtTime === null || (sourceTime ?? 0) > builtTime) return true;
  }
  return false;
}

/** dist/web, as src/web says it should be. */
export async function webPagesBuilt(): Promise<string> {
  if (await stale()) {
    const run = promisify(execFile);
    await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.web.json')], { cwd: root });
    await run(process.execPath, [join(root, 'scripts', 'copy-web-pages.mjs')], { cwd: root });
  }
  return builtPages;
}
