#!/usr/bin/env node
// Installs Prismind as a user would and uses it: packs every publishable package with pnpm, plus
// the platform package of this machine's native binary, checks each tarball (dist, LICENSE,
// README, no `workspace:` range, no `source` condition, no `.node` in @prismind/native-core), then
// installs them into a fresh project outside the workspace and runs an ESM and a CommonJS script,
// strict `tsc --noEmit` under node16, bundler and node10, the installed `prismind-cli` (train,
// status, evaluate, status into a closed pipe), and the no-binary path (platform package removed:
// auto falls back and says why, --backend native names the missing package and the fallback).
// Needs the built workspace (`pnpm run build`).
//   node tools/consumer-smoke.mjs [--keep]   # --keep leaves the temporary project for a look
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarball, checkNpmDryRun, readTarball } from './tarball-checks.mjs';
import { packWithPnpm, publishablePackages, root } from './packages.mjs';

const fixtures = join(root, 'tools', 'consumer-app');
const nativeDir = join(root, 'packages', 'native-core');
const work = mkdtempSync(join(tmpdir(), 'prismind-consumer-'));
const tarballDir = join(work, 'tarballs');
const app = join(work, 'app');
const problems = [];
const sizes = [];

function step(title) {
  console.log(`\n== ${title}`);
}

// A consumer's Node resolves packages from its own node_modules only: drop the NODE_PATH that
// pnpm's bin shims set, which would reach the workspace's hoisted packages.
const { NODE_PATH: _workspaceOnly, ...consumerEnv } = process.env;

/** Runs a command in the fresh project; a failure is a problem, with its output. */
function run(title, command, args, expect = {}) {
  const started = performance.now();
  const r = spawnSync(command, args, {
    cwd: app,
    encoding: 'utf8',
    env: consumerEnv,
  });
  const output = `${r.stdout}${r.stderr}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const status = expect.status ?? 0;
  const ok = r.status === status && (expect.check?.(output) ?? true);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${title} (${seconds} s)`);
  if (!ok) {
    problems.push(`SMOKE_FAILED: ${title} (exit ${r.status}, expected ${status})`);
    console.log(output.trim().replace(/^/gm, '     '));
  }
  return output;
}

/** The binary the workspace built for this machine (binding/prismind.<triple>.node): its triple. */
function hostTriple() {
  const built = readdirSync(join(nativeDir, 'binding')).find((f) => /^prismind\..+\.node$/.test(f));
  if (built === undefined) throw new Error('no built binary in packages/native-core/binding');
  return built.split('.')[1];
}

/**
 * The platform package of `triple` with its binary, packed: a copy of npm/<triple> holding the
 * release build when `napi artifacts` put one there, else the workspace's development build.
 */
function packPlatformPackage(triple) {
  const stage = join(work, 'stage', triple);
  const binary = `prismind.${triple}.node`;
  cpSync(join(nativeDir, 'npm', triple), stage, { recursive: true });
  const release = join(nativeDir, 'npm', triple, binary);
  const source = statSync(release, { throwIfNoEntry: false })
    ? release
    : join(nativeDir, 'binding', binary);
  copyFileSync(source, join(stage, binary));
  console.log(`platform package ${triple}: binary from ${source}`);
  return packWithPnpm(stage, tarballDir);
}

/** `name` and the @prismind packages it needs, by dependencies and optionalDependencies. */
function closure(name, packed) {
  const byName = new Map(packed.map((p) => [p.name, p]));
  const needed = new Set();
  const visit = (n) => {
    const pkg = byName.get(n);
    if (pkg === undefined || needed.has(pkg)) return;
    needed.add(pkg);
    const { dependencies = {}, optionalDependencies = {} } = pkg.manifest;
    for (const dep of Object.keys({ ...dependencies, ...optionalDependencies })) visit(dep);
  };
  visit(name);
  return [...needed].map((p) => p.tarball);
}

function packAll(triple) {
  step('pack');
  mkdirSync(tarballDir, { recursive: true });
  const packed = publishablePackages().map(({ dir, manifest }) => {
    problems.push(...checkNpmDryRun(dir, manifest.name));
    return { name: manifest.name, tarball: packWithPnpm(dir, tarballDir) };
  });
  packed.push({ name: `@prismind/native-core-${triple}`, tarball: packPlatformPackage(triple) });
  for (const { name, tarball } of packed) {
    if (tarball === undefined) {
      problems.push(`PACK_FAILED: ${name}`);
      continue;
    }
    const contents = readTarball(tarball);
    problems.push(...checkTarball(name, contents));
    sizes.push({ name, packed: statSync(tarball).size, unpacked: contents.unpackedSize });
    Object.assign(
      packed.find((p) => p.name === name),
      { manifest: contents.manifest },
    );
  }
  return packed.filter((p) => p.tarball !== undefined);
}

/** What `npm install @prismind/trainer` weighs: it and its dependencies alone, in a project of their own. */
function trainerInstallSize(packed) {
  const dir = join(work, 'trainer-only');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"trainer-only","version":"0.0.0"}\n');
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'];
  execFileSync('npm', [...args, ...closure('@prismind/trainer', packed)], {
    cwd: dir,
    stdio: 'ignore',
  });
  return installedSize(dir);
}

function installedSize(dir) {
  return execFileSync('du', ['-sh', 'node_modules'], { cwd: dir, encoding: 'utf8' }).split('\t')[0];
}

function install(tarballs) {
  step('install into a fresh project');
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'prismind-consumer', version: '0.0.0', private: true }, null, 2)}\n`,
  );
  for (const file of ['esm.mjs', 'cjs.cjs', 'types.ts'])
    copyFileSync(join(fixtures, file), join(app, file));
  copyFileSync(join(fixtures, 'types.ts'), join(app, 'types.mts'));
  run('npm install (every tarball by path)', 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--no-package-lock',
    ...tarballs,
  ]);
}

/** tsconfig for one moduleResolution, with the workspace's @types/node (nothing else of it). */
function typecheck(resolution, module, files) {
  const config = join(app, `tsconfig.${resolution}.json`);
  const compilerOptions = {
    strict: true,
    esModuleInterop: true,
    noEmit: true,
    target: 'es2022',
    module,
    moduleResolution: resolution,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
  };
  writeFileSync(config, JSON.stringify({ compilerOptions, files }, null, 2));
  run(`tsc --noEmit, moduleResolution ${resolution}`, join(root, 'node_modules', '.bin', 'tsc'), [
    '-p',
    config,
  ]);
}

function useCli(triple) {
  const cli = join(app, 'node_modules', '.bin', 'prismind-cli');
  const platformPackage = `@prismind/native-core-${triple}`;
  step('the installed prismind-cli');
  run(
    'train (native)',
    cli,
    ['train', '--run-dir', 'r1', '--games', '200', '--backend', 'native', '--seed', '1'],
    {
      check: (out) => out.includes('backend native (native requested)'),
    },
  );
  run('status', cli, ['status', '--run-dir', 'r1'], { check: (out) => out.includes('completed') });
  run('evaluate', cli, ['evaluate', 'r1', '--games', '4', '--depth', '1', '--opponent', 'random']);
  // `true` exits without reading: status writes into a closed pipe (EPIPE) and must stay quiet.
  run(
    'status | a reader that has gone',
    'bash',
    ['-c', `"${cli}" status --run-dir r1 | true; exit \${PIPESTATUS[0]}`],
    {
      check: (out) => !/EPIPE|Error/.test(out),
    },
  );

  step(`no binary: ${platformPackage} removed`);
  const installed = join(app, 'node_modules', ...platformPackage.split('/'));
  renameSync(installed, `${installed}.away`);
  try {
    const fellBack = `auto fell back to the TypeScript engine: no native binary loaded for`;
    run(
      'train --backend auto falls back, on screen',
      cli,
      ['train', '--run-dir', 'r2', '--games', '20', '--backend', 'auto'],
      {
        check: (out) => out.includes(`backend js (${fellBack}`) && out.includes(platformPackage),
      },
    );
    const manifest = JSON.parse(readFileSync(join(app, 'r2', 'manifest.json'), 'utf8'));
    if (!manifest.backend?.reason?.startsWith(fellBack)) {
      problems.push(`FALLBACK_NOT_RECORDED: manifest backend ${JSON.stringify(manifest.backend)}`);
    }
    run(
      'train --backend native: no binary, which package, the fallback',
      cli,
      ['train', '--run-dir', 'r3', '--games', '20', '--backend', 'native'],
      {
        status: 1,
        check: (out) =>
          out.includes('no native binary loaded for') &&
          out.includes(platformPackage) &&
          out.includes('--backend js') &&
          !/npm has a bug|pnpm -C|Error: Cannot find native binding/.test(out),
      },
    );
  } finally {
    renameSync(`${installed}.away`, installed);
  }
}

function report(packed) {
  step('sizes');
  for (const { name, packed, unpacked } of sizes) {
    console.log(
      `${name.padEnd(40)} ${(packed / 1024).toFixed(1).padStart(8)} kB packed ${(unpacked / 1024).toFixed(1).padStart(9)} kB unpacked`,
    );
  }
  console.log(`installed (every package, their dependencies): ${installedSize(app)}`);
  console.log(`installed (@prismind/trainer, its dependencies): ${trainerInstallSize(packed)}`);
}

try {
  const triple = hostTriple();
  const packed = packAll(triple);
  install(packed.map((p) => p.tarball));
  step('use the packages');
  run('ESM script: train native and js, checkpoint round trip', 'node', ['esm.mjs']);
  run('CommonJS script: require every entry point, train native', 'node', ['cjs.cjs']);
  typecheck('node16', 'node16', ['types.ts', 'types.mts']);
  typecheck('bundler', 'esnext', ['types.ts', 'types.mts']);
  typecheck('node10', 'commonjs', ['types.ts']);
  useCli(triple);
  report(packed);
} catch (error) {
  problems.push(`SMOKE_CRASHED: ${error.stack ?? error}`);
} finally {
  if (process.argv.includes('--keep')) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n${problems.length} consumer smoke problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('\nconsumer smoke: every package installs and works from its tarball.');
