import { DEFAULT_MANAGER_OPTIONS, DEFAULT_TRAINING_SETTINGS } from '@prismind/trainer';
import { describe, expect, it } from 'vitest';
import { bufferedIO } from '../io';
import { runCli } from '../main';

/** `--flag` → the default its help line states, from `prismind-cli <command> --help`. */
async function helpDefaults(command: string): Promise<Map<string, string>> {
  const io = bufferedIO({ columns: 400 }); // one line per flag
  expect(await runCli([command, '--help'], io)).toBe(0);
  const defaults = new Map<string, string>();
  for (const match of io.out().matchAll(/^\s+(--[\w-]+)\s.*\[default: ([^\]]+)\]/gm)) {
    defaults.set(match[1]!, match[2]!);
  }
  return defaults;
}

const manager = DEFAULT_MANAGER_OPTIONS;
const settings = DEFAULT_TRAINING_SETTINGS;
const runFlags = {
  '--threads': manager.threads,
  '--log-level': manager.logLevel,
  '--compress': manager.compression.compress,
  '--compression-level': manager.compression.level,
  '--keep': manager.retention.keepLast,
};

describe("the training commands' help states the trainer's defaults", () => {
  it('train: run options and training settings', async () => {
    const help = await helpDefaults('train');
    const expected = {
      ...runFlags,
      '--depth': settings.search.depth,
      '--exact-empties': settings.search.exactEmpties,
      '--epsilon': settings.epsilon,
      '--lambda': settings.lambda,
      '--learning-rate': settings.learningRate,
      '--learning-rate-end': settings.learningRateEnd,
      '--learning-rate-decay-games': settings.learningRateDecayGames,
      '--checkpoint-interval':
        settings.checkpointInterval > 0 ? settings.checkpointInterval : 'off',
      '--checkpoint-minutes': settings.checkpointMinutes,
      '--callback-interval': settings.callbackInterval,
      '--tensorboard': manager.tensorboard,
    };
    for (const [flag, value] of Object.entries(expected)) {
      expect([flag, help.get(flag)]).toEqual([flag, String(value)]);
    }
  });

  it('resume: the run options it shares with train', async () => {
    const help = await helpDefaults('resume');
    for (const [flag, value] of Object.entries(runFlags)) {
      expect([flag, help.get(flag)]).toEqual([flag, String(value)]);
    }
  });
});
