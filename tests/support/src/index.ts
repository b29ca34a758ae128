export {
  testRandom,
  randomPositions,
  randomPositionsAll,
  randomGame,
  sample,
  startCells,
} from './random';
export { fillRandom, randomState, firstDifference } from './model';
export { codeOf, asyncCodeOf } from './errors';
