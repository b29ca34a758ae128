/**
 * The stagnation rule on playing strength: a run whose League score (a higher-is-better measure
 * taken every few minutes, docs/architecture.md "Strength") has stopped rising. TD error and disc
 * difference can keep falling while the model plays no better, so this is the rule an operator
 * asking "is my model still getting stronger?" wants.
 */

/** The options of the rule, all defaults filled in. */
export interface StrengthStagnationSettings {
  /** S: the measurements in the recent span. */
  strengthWindow: number;
  /** The absolute League-score gain the recent span must show over the best before it. */
  minStrengthGain: number;
}

/** What `toJSON()` returns and `fromState` takes. */
export interface StrengthStagnationState {
  /** The last S scores, oldest first. */
  recent: number[];
  /** The best score measured before the recent span, or null when none has left it yet. */
  bestEarlier: number | null;
  measurements: number;
}

/** The rule's verdict in the shape the convergence monitor reports (see StagnationStatus). */
export interface StrengthVerdict {
  stagnant: boolean;
  previous: number | null;
  recent: number | null;
  improvement: number | null;
  measurements: number;
  measurementsNeeded: number;
}

export const STRENGTH_STAGNATION_RULE: string =
  'With S = strengthWindow, once 2S League scores are measured, the run is stagnant when the best ' +
  'of the last S scores is not higher than the best score before them by at least minStrengthGain.';

export class StrengthStagnation {
  private recent: number[] = [];
  private bestEarlier: number | null = null;
  private measurements = 0;

  constructor(private readonly settings: StrengthStagnationSettings) {}

  /** One League score (0..1). */
  observe(score: number): void {
    this.recent.push(score);
    this.measurements += 1;
    if (this.recent.length > this.settings.strengthWindow) {
      const left = this.recent.shift() as number;
      this.bestEarlier = this.bestEarlier === null ? left : Math.max(this.bestEarlier, left);
    }
  }

  /** Applies the rule (see STRENGTH_STAGNATION_RULE); never stagnant before 2S measurements. */
  verdict(): StrengthVerdict {
    const needed = 2 * this.settings.strengthWindow;
    const none = {
      stagnant: false,
      previous: null,
      recent: null,
      improvement: null,
      measurements: this.measurements,
      measurementsNeeded: needed,
    };
    if (this.measurements < needed || this.bestEarlier === null) return none;
    const recent = Math.max(...this.recent);
    const improvement = recent - this.bestEarlier;
    return {
      ...none,
      previous: this.bestEarlier,
      recent,
      improvement,
      stagnant: improvement < this.settings.minStrengthGain,
    };
  }

  toJSON(): StrengthStagnationState {
    return {
      recent: [...this.recent],
      bestEarlier: this.bestEarlier,
      measurements: this.measurements,
    };
  }

  /** Restores from `toJSON()` output; returns the reason when the state is malformed. */
  static fromState(
    settings: StrengthStagnationSettings,
    state: unknown,
  ): StrengthStagnation | string {
    const s = state as Partial<StrengthStagnationState> | null;
    if (typeof s !== 'object' || s === null) return 'strength: expected an object';
    const isScore = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;
    if (!Array.isArray(s.recent) || !s.recent.every(isScore)) {
      return 'strength.recent: expected League scores 0..1';
    }
    if (s.recent.length > settings.strengthWindow) return 'strength.recent: longer than S';
    if (s.bestEarlier !== null && !isScore(s.bestEarlier)) {
      return 'strength.bestEarlier: expected a League score 0..1 or null';
    }
    if (!Number.isSafeInteger(s.measurements) || (s.measurements as number) < s.recent.length) {
      return 'strength.measurements: expected a count of at least recent.length';
    }
    const rule = new StrengthStagnation(settings);
    rule.recent = [...s.recent];
    rule.bestEarlier = s.bestEarlier ?? null;
    rule.measurements = s.measurements as number;
    return rule;
  }
}
