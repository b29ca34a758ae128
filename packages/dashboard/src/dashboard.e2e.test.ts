import { replayMoves } from '@prismind/board';
import { readRunStatus, readStoredGames } from '@prismind/trainer/run-dir';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir, waitUntil } from '../test/browser';
import { type DashboardServer, startDashboard } from './server';

/**
 * End to end: a real training run in another process, the dashboard server following its
 * directory, and the page in headless Chromium doing what an operator does.
 */

const root = mkdtempSync(join(tmpdir(), 'prismind-dashboard-e2e-'));
const runDir = join(root, 'run');
const shots = screenshotDir(root);
let trainer: ChildProcess;
let trainerExit: Promise<number | null>;
let server: DashboardServer;
let browser: Browser;
let page: Page;

const text = async (selector: string) => (await page.textContent(selector)) ?? '';
const count = async (selector: string) => Number((await text(selector)).replace(/[^\d]/g, ''));
const boardOf = (id: string) =>
  page.$$eval(`#${id} [data-square]`, (cells) =>
    cells.map((c) => c.getAttribute('data-disc')).join(''),
  );

beforeAll(async () => {
  const script = fileURLToPath(new URL('../test/train-run.mjs', import.meta.url));
  trainer = spawn(process.execPath, [script, runDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  trainerExit = new Promise((resolve) => trainer.on('exit', (code) => resolve(code)));
  await waitUntil(() => readRunStatus(runDir)?.state === 'training', 60_000);
  server = await startDashboard({ runDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (trainer.exitCode === null) trainer.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('the dashboard in a browser, on a live run', () => {
  it('shows the games counter rising', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#games-count');
    const first = await count('#games-count');
    await expect.poll(() => count('#games-count'), { timeout: 60_000 }).toBeGreaterThan(first);
    // A few stats lines and strength measurements in, all charts but perhaps the TD error (its
    // first point comes with the detailed metrics line at 10,000 games) have data.
    await expect
      .poll(() => page.locator('.chart canvas').count(), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(5);
    // For the picture: a strength curve of three points, pushed to the page (at most 1 s later).
    await expect
      .poll(() => server.watcher.seriesData().leagueScore.points, { timeout: 90_000 })
      .toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: join(shots, 'run.png'), fullPage: true });
  }, 120_000);

  it('pauses the run with the pause button, as status.json agrees', async () => {
    await page.click('#pause');
    await page.waitForSelector('#control-result.ok', { timeout: 60_000 });
    expect(await text('#control-result')).toMatch(/^pause: done/);
    expect(readRunStatus(runDir)?.state).toBe('paused');
    await expect.poll(() => text('#run-state')).toBe('paused');
  }, 90_000);

  it('replays a stored game to its final position', async () => {
    await page.click('#tab-games');
    await page.waitForSelector('.game-item');
    const game = Number(await page.getAttribute('.game-item', 'data-game'));
    const stored = readStoredGames(runDir).find((g) => g.game === game)!;
    await page.click(`.game-item[data-game="${game}"]`);
    await page.waitForSelector('#replay-board');
    for (let i = 0; i < 20; i++) await page.click('#replay-next');
    expect(await text('#replay-ply')).toMatch(/^move 21 of \d+/);
    await page.screenshot({ path: join(shots, 'replay.png'), fullPage: true });
    await page.click('#replay-end');
    await expect.poll(() => text('#replay-ply')).toMatch(/^final position/);
    const expected = Array.from(replayMoves(stored.moves).final.toCells(), (c) => '.XO'[c]).join(
      '',
    );
    expect(await boardOf('replay-board')).toBe(expected);
  }, 90_000);

  it('plays against the model: an illegal move is refused, a legal one answered', async () => {
    await page.click('#tab-play');
    await page.click('#play-new');
    await expect.poll(() => text('#play-status')).toMatch(/^2–2 · 0 moves/);
    const start = await boardOf('play-board');
    await page.click('#play-board [data-square="0"]'); // a1: never legal at the start
    await page.waitForSelector('#play-message.fail');
    expect(await text('#play-message')).toMatch(/DASHBOARD_ILLEGAL_MOVE: a1: not a legal move/);
    expect(await boardOf('play-board')).toBe(start);
    await page.click('#play-board [data-square="37"]'); // f5
    await page.waitForSelector('#play-message.ok');
    expect(await text('#play-message')).toMatch(/^model played [a-h][1-8]/);
    expect(await text('#play-status')).toMatch(/ · 2 moves · /);
    const after = await boardOf('play-board');
    expect(after[37]).toBe('X');
    expect([...after].filter((d) => d !== '.')).toHaveLength(6);
    // A few more moves for the picture: always the first legal square.
    for (let i = 0; i < 6; i++) {
      const legal = await page.$('#play-board .legal');
      if (legal === null) break;
      const moves = await page.getAttribute('#play-status', 'data-moves');
      await legal.click();
      await expect.poll(() => page.getAttribute('#play-status', 'data-moves')).not.toBe(moves);
    }
    await page.screenshot({ path: join(shots, 'play.png'), fullPage: true });
  }, 90_000);

  it('stops the run with the stop button', async () => {
    await page.click('#tab-run');
    await page.click('#stop');
    await page.waitForSelector('#control-result.ok', { timeout: 60_000 });
    expect(await trainerExit).toBe(0);
    expect(readRunStatus(runDir)?.state).toBe('stopped');
  }, 90_000);
});
