import { describe, expect, it } from 'vitest';
import { escapeXml, lineChart, niceTicks } from './line-chart';
import { svgElements } from './svg-check';

describe('niceTicks', () => {
  it('takes steps of 1, 2 or 5 × 10^k covering the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 120_000)).toEqual([0, 50_000, 100_000]);
    expect(niceTicks(0, 90_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(niceTicks(0, 7)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('lineChart', () => {
  const svg = lineChart({
    title: 'Curve <a & b>',
    xLabel: 'games',
    yLabel: 'score',
    series: [
      {
        name: 'with band',
        color: 'blue',
        points: [
          { x: 1000, y: 0.5, low: 0.4, high: 0.6 },
          { x: 2000, y: 0.7, low: 0.6, high: 0.8 },
        ],
      },
      {
        name: 'plain',
        color: 'red',
        points: [
          { x: 1000, y: 0.1 },
          { x: 2000, y: 0.2 },
        ],
      },
    ],
  });

  it('is a well-formed SVG document: title, axes, ticks, one band, two lines, a legend', () => {
    const elements = svgElements(svg);
    expect(elements[0]).toBe('svg');
    expect(elements.filter((e) => e === 'polygon')).toHaveLength(1);
    expect(elements.filter((e) => e === 'polyline')).toHaveLength(2);
    expect(elements.filter((e) => e === 'circle')).toHaveLength(4);
    expect(svg).toContain('>Curve &#60;a &#38; b&#62;</text>');
    for (const label of ['games', 'score', 'with band', 'plain', '1k', '2k', '0.6']) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it('maps x from 0 to the largest x and y over the range, top to bottom', () => {
    // plot: x 64..580 (760 − 64 − 180 wide), y 48 (1) .. 364 (0)
    expect(svg).toContain('<polyline points="322.0,206.0 580.0,142.8"');
    expect(svg).toContain('<polygon points="322.0,174.4 580.0,111.2 580.0,174.4 322.0,237.6"');
  });

  it('escapes text', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&#60;b&#62;&#38;&#34;c&#39;');
  });
});
