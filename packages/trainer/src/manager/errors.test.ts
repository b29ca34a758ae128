import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPrismindError, PrismindError } from '@prismind/board/contracts';
import { describe, expect, it } from 'vitest';
import { describeError, isTrainerError, TrainerError } from './errors';
import { EngineBatchError } from './watchdog';

describe('TrainerError', () => {
  it('is a PrismindError with the run codes, its name and empty details by default', () => {
    const error = new TrainerError('RUN_LOCKED', 'runs/r1 is trained by process 42');
    expect(error).toBeInstanceOf(PrismindError);
    expect(error.name).toBe('TrainerError');
    expect(error.details).toEqual({});
    expect(isTrainerError(error, 'RUN_LOCKED')).toBe(true);
    expect(isTrainerError(error, 'RUN_NOT_FOUND')).toBe(false);
    expect(isPrismindError(error)).toBe(true);
    expect(describeError(error)).toEqual({
      code: 'RUN_LOCKED',
      message: 'runs/r1 is trained by process 42',
    });
  });

  it('a failed engine batch is the contract ENGINE_FAILURE, with its kind', () => {
    const error = new EngineBatchError('engine_hang', 'no progress for 120000 ms');
    expect(error).toBeInstanceOf(PrismindError);
    expect(isPrismindError(error, 'ENGINE_FAILURE')).toBe(true);
    expect([error.name, error.kind, error.details]).toEqual([
      'EngineBatchError',
      'engine_hang',
      { kind: 'engine_hang' },
    ]);
    expect(isTrainerError(error)).toBe(false);
  });
});

// Users load the built packages: each package's error class must extend the one PrismindError of
// @prismind/board (checkpoint and telemetry must not bundle a copy), in ESM and CommonJS alike.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = `
const errors = [
  new checkpoint.CheckpointError('CKPT_NOT_FOUND', 'x'),
  new telemetry.TelemetryError('IO_FAILED', 'x'),
  new trainer.TrainerError('RUN_NOT_FOUND', 'x'),
];
console.log(JSON.stringify(errors.map((e) =>
  [e.name, e instanceof board.PrismindError, e instanceof contracts.PrismindError])));`;
const expected = [
  ['CheckpointError', true, true],
  ['TelemetryError', true, true],
  ['TrainerError', true, true],
];

function runBuilt(inputType: 'module' | 'commonjs', source: string): unknown {
  const out = execFileSync(process.execPath, [`--input-type=${inputType}`, '-e', source], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('the built packages share one PrismindError', () => {
  it('in ESM', () => {
    const imports = ['board', 'board/contracts', 'checkpoint', 'telemetry', 'trainer'].map(
      (name) => `import * as ${name.replace('board/', '')} from '@prismind/${name}';`,
    );
    expect(runBuilt('module', imports.join('\n') + check)).toEqual(expected);
  });

  it('in CommonJS', () => {
    const requires = ['board', 'board/contracts', 'checkpoint', 'telemetry', 'trainer'].map(
      (name) => `const ${name.replace('board/', '')} = require('@prismind/${name}');`,
    );
    expect(runBuilt('commonjs', requires.join('\n') + check)).toEqual(expected);
  });
});
