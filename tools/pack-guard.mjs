#!/usr/bin/env node
// The `prepack` of every package runs this first. Only pnpm rewrites `workspace:*` ranges into
// versions and applies `publishConfig.exports` (the manifest without the `source` condition), so
// a tarball from npm or yarn would be unusable: stop them with a message that says what to run.
// A platform package of native-core (packages/native-core/npm/<triple>) is nothing but its `.node`
// file, which the release workflow puts there (`napi artifacts`): without it, stop too.
import { existsSync, readFileSync } from 'node:fs';

const userAgent = process.env.npm_config_user_agent ?? '';

if (!userAgent.startsWith('pnpm/')) {
  const packer = userAgent.split('/')[0] || 'an unknown package manager';
  console.error(
    `PACK_NOT_PNPM: this package was packed by ${packer}, expected pnpm. Only pnpm replaces ` +
      '`workspace:*` dependency ranges and applies publishConfig; run `pnpm pack` or `pnpm publish`.',
  );
  process.exit(1);
}

const { name, main } = JSON.parse(readFileSync('package.json', 'utf8'));
if (main?.endsWith('.node') && !existsSync(main)) {
  console.error(
    `PACK_NO_BINARY: ${name} would be published without ${main}, the only file it exists for. ` +
      'Put the built binary there first (`napi artifacts` in packages/native-core, after the ' +
      'release build).',
  );
  process.exit(1);
}
