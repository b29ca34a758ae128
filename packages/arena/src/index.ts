// How strong is a model: players, openings, matches, gauntlets, the Othello League score, SPRT,
// statistics, weighted piece counters, accuracy on solved endgames, the strength report.
export { AlphaBeta, WIN_SCALE } from './alphabeta';
export type { BoardEvaluator } from './alphabeta';
export { bestChildMove, enginePlayer, onePlyPlayer } from './engine-player';
export type { EnginePlayerOptions } from './engine-player';
export { endgameAccuracy } from './endgame-accuracy';
export type { EmptiesError, EndgameAccuracy, EndgameAccuracyOptions } from './endgame-accuracy';
export { EndgameSetError, endgameSetPath, loadEndgameSet, parseEndgameSet } from './endgame-set';
export type { EndgamePosition, EndgameSetErrorCode } from './endgame-set';
export { formatGauntlet } from './format';
export { playGame } from './game';
export type { PlayedGame } from './game';
export {
  BASELINE_NAMES,
  DEFAULT_THRESHOLDS,
  baselineOpponents,
  baselinePlayer,
  runGauntlet,
} from './gauntlet';
export type { GauntletMatch, GauntletOptions, GauntletResult } from './gauntlet';
export { leagueScore } from './league';
export type { LeagueOptions, LeagueResult } from './league';
export { runMatch } from './match';
export type { MatchGame, MatchOptions, MatchResult } from './match';
export { standardOpenings } from './openings';
export type { Opening } from './openings';
export { bestChildByValue } from './one-ply';
export {
  epsilonPlayer,
  greedyPlayer,
  randomPlayer,
  wpcOnePlyPlayer,
  wpcPlayer,
} from './players';
export type { GamePlayer, WpcPlayerOptions } from './players';
export { strengthReport } from './strength';
export type { ScoreSummary, StrengthOptions, StrengthReport } from './strength';
export { SPRT_PRIOR, sprtBounds, sprtLlr, sprtStatus } from './sprt';
export type { SprtDecision, SprtOptions, SprtState } from './sprt';
export { sprtMatch } from './sprt-match';
export type { SprtMatchOptions } from './sprt-match';
export {
  Z95,
  eloFromScore,
  eloInterval,
  eloStandardError,
  meanInterval,
  scoreFromElo,
  scoreInterval,
  scoreOf,
  scoreStandardError,
  wilsonInterval,
} from './stats';
export type { Interval, Wdl } from './stats';
export { STANDARD_WPC, TEXTBOOK_WPC, wpcEvaluator, wpcTableName, wpcValue } from './wpc';
