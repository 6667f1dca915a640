// Part of `npm run build`: tsc compiles the pages' TypeScript into dist/web;
// this copies the rest of src/web (HTML, CSS) beside it, folder for folder.
// Plain Node, so a fresh clone builds with nothing more than `npm ci`.
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'web');
const to = join(root, 'dist', 'web');

let copied = 0;
for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  // Node 20.11 names the folder `path`; later versions `parentPath`.
  const source = join(entry.parentPath ?? entry.path, entry.name);
  const target = join(to, relative(from, source));
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
  copied += 1;
}
if (copied === 0) {
  process.stderr.write(`No page files found under ${from}.\n`);
  process.exitCode = 1;
}
