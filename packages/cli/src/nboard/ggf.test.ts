import { Position, replayTranscript } from '@prismind/board';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { parseBoard, parseGgf, parseMove } from './ggf';

const START_BO = '8 ---------------------------O*------*O--------------------------- *';

describe('GGF', () => {
  it('reads the game of the protocol description: header, board, moves', () => {
    const game = parseGgf(
      `(;GM[Othello]PC[NBoard]DT[2014-02-21 20:52:27 GMT]PB[./mEdax]PW[chris]RE[?]TI[15:00]TY[8]BO[${START_BO}]` +
        'B[F5]W[F6]B[D3]W[C5]B[E6]W[F7]B[E7]W[F4];)',
    );
    expect(game.start.equals(Position.initial())).toBe(true);
    expect(game.moves.map((m) => m.color)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(game.position.equals(replayTranscript('f5f6d3c5e6f7e7f4').final)).toBe(true);
    expect(game.properties.PB).toBe('./mEdax');
    expect(game.properties.DT).toBe('2014-02-21 20:52:27 GMT');
  });

  it('takes moves with evaluations and times, lower case, and the standard start without BO', () => {
    const game = parseGgf('(;GM[Othello]TY[8]B[f5//1.5]W[d6/-0.50/0.02];)');
    expect(game.position.equals(replayTranscript('f5d6').final)).toBe(true);
  });

  it('plays explicit passes and implies a pass the writer left out', () => {
    // X to move with no legal move; O has moves: B[PA] then W[...]
    const cells = '-'.repeat(64).split('');
    cells[0] = 'O';
    cells[1] = '*';
    const board = `8 ${cells.join('')} *`;
    const start = parseBoard(board);
    expect(start.mustPass()).toBe(true);
    const withPass = parseGgf(`(;GM[Othello]TY[8]BO[${board}]B[PA]W[C1];)`);
    const implied = parseGgf(`(;GM[Othello]TY[8]BO[${board}]W[c1];)`);
    expect(withPass.position.equals(implied.position)).toBe(true);
    expect(withPass.position.counts()).toEqual({ black: 0, white: 3, empty: 61 });
  });

  it('reads a board with white to move', () => {
    const cells = Position.initial().play('f5').toObf().slice(0, 64).replace(/X/g, '*');
    const p = parseBoard(`8 ${cells} O`);
    expect(p.player).toBe(2);
    expect(p.counts()).toEqual({ black: 4, white: 1, empty: 59 });
  });

  it('refuses other boards, bad cells, illegal moves and broken syntax with one-line errors', () => {
    const bad = (text: string, pattern: RegExp) => {
      let caught: unknown;
      try {
        parseGgf(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CliError);
      expect((caught as Error).message).toMatch(pattern);
      expect((caught as Error).message).not.toContain('\n');
    };
    bad('(;GM[Othello]TY[10];)', /only 8x8/);
    bad(`(;GM[Othello]TY[8]BO[8 ${'?'.repeat(64)} *];)`, /board cell/);
    bad('(;GM[Othello]TY[8]B[a1];)', /move 1: illegal move/);
    bad('(;GM[Othello]TY[8]W[f5];)', /move 1: white moved out of turn/);
    bad('(;GM[Othello]TY[8]B[PA];)', /passed with legal moves/);
    bad('(;GM[Othello]TY[8]B[z9];)', /expected a square a1\.\.h8 or PA/);
    bad('(;GM[Othello]TY[8]B[f5', /not closed/);
    bad('(;GM[Othello] 12 ;)', /expected KEY\[value\]/);
  });

  it('parses protocol moves', () => {
    expect(parseMove('F5')).toBe(37);
    expect(parseMove('f5/1.00/0.5')).toBe(37);
    expect(parseMove('PA')).toBe(-1);
    expect(parseMove('pass')).toBe(-1);
  });
});
