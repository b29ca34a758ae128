import type { OpenRun } from './open-run';
import type { ConfigureOptions } from './options';
import { normalizeSearch } from './options-parse';

/**
 * Applies configure() changes to a run's session (between batches: a batch keeps the settings it
 * started with) and its log level. The settings are replaced as a whole so a checkpoint never
 * holds half of a change.
 */
export function applySettingChanges(run: OpenRun, changes: ConfigureOptions): void {
  const { session } = run;
  const next = { ...session.settings };
  if (changes.search !== undefined) next.search = normalizeSearch(changes.search);
  if (changes.epsilon !== undefined) next.epsilon = changes.epsilon;
  if (changes.lambda !== undefined) next.lambda = changes.lambda;
  if (changes.learningRate !== undefined) {
    // a rate set by hand holds from now on, unless an end rate comes with it
    next.learningRate = changes.learningRate;
    next.learningRateEnd = changes.learningRateEnd ?? changes.learningRate;
  } else if (changes.learningRateEnd !== undefined) {
    next.learningRateEnd = changes.learningRateEnd;
  }
  session.updateSettings(next);
  if (changes.logLevel !== undefined) {
    run.telemetry.logger.level = changes.logLevel;
    run.log.level = changes.logLevel;
    session.refreshTrainingLogger();
  }
  run.log.info({ event: 'configured', changes, settings: next }, 'settings changed');
}
