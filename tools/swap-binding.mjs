#!/usr/bin/env node
// Moves a fresh napi build from binding/.next into binding/ by rename, file by file. Writing the
// .node in place (what `napi build --output-dir binding` does) changes the pages of a library a
// running process has mapped: a training run using the native engine dies with SIGBUS when the
// package is rebuilt under it. A rename gives the new file a new inode; the running process keeps
// the old one.
//   node ../../tools/swap-binding.mjs <binding dir>
import { readdirSync, renameSync, rmdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const binding = resolve(process.argv[2] ?? 'binding');
const next = join(binding, '.next');
for (const name of readdirSync(next)) renameSync(join(next, name), join(binding, name));
rmdirSync(next);
