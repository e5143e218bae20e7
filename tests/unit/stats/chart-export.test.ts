import { describe, expect, it } from 'vitest';
import { standaloneSvg, statisticsFileName, xmlText } from '$lib/components/stats/chart-export';

const chart = {
	svg: '<svg width="640" height="300" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300"><rect width="640" height="300" fill="none"></rect><path d="M1 1" fill="url(#zr0-p0)"></path></svg>',
	width: 640,
	height: 300
};
const legend = [
	{ label: 'Successfully sent', colour: '#2e8b57' },
	{ label: 'Successfully removed', colour: '#2f6fdb' }
];

describe('a chart saved as a file', () => {
	it('is a standalone SVG: XML declaration, namespaces, size, white background, title, heading and legend, the chart below', () => {
		const saved = standaloneSvg(chart, { title: 'Meta Retargeting EU: messages per day', subtitle: 'Last 30 days' }, legend);
		expect(saved.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(saved.width).toBe(640);
		expect(saved.height).toBeGreaterThan(300);
		expect(saved.svg).toContain(`width="640" height="${saved.height}" viewBox="0 0 640 ${saved.height}"`);
		expect(saved.svg).toContain('<title>Meta Retargeting EU: messages per day. Last 30 days</title>');
		expect(saved.svg).toContain(`<rect x="0" y="0" width="640" height="${saved.height}" fill="#ffffff"/>`);
		expect(saved.svg).toMatch(/<text [^>]*font-weight="600"[^>]*>Meta Retargeting EU: messages per day<\/text>/);
		for (const entry of legend) {
			expect(saved.svg).toContain(`fill="${entry.colour}"/>`);
			expect(saved.svg).toContain(`>${entry.label}</text>`);
		}
		// The chart itself is kept whole (its patterns and ids), moved down under the heading.
		expect(saved.svg).toMatch(/<g transform="translate\(0 (\d+)\)">\n<svg width="640" height="300"/);
		const moved = Number(/translate\(0 (\d+)\)/.exec(saved.svg)![1]);
		expect(saved.height).toBe(moved + 300 + 8);
		expect(saved.svg.trimEnd().endsWith('</g>\n</svg>')).toBe(true);
		// Nothing is fetched when it is opened: no external fonts, images or stylesheets.
		expect(saved.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
		expect(saved.svg).not.toMatch(/@import|<image/);
	});

	it('keeps names as text, wraps a long legend, and refuses what is not an SVG', () => {
		const saved = standaloneSvg(chart, { title: 'A & B <Custom>', subtitle: null }, legend);
		expect(saved.svg).toContain('<title>A &amp; B &lt;Custom&gt;</title>');
		expect(saved.svg).not.toContain('<Custom>');
		expect(xmlText(`"it's"`)).toBe('&quot;it&apos;s&quot;');

		const many = Array.from({ length: 12 }, (_, i) => ({ label: `Partner error code ${i}`, colour: '#c00' }));
		const wrapped = standaloneSvg(chart, { title: 'T', subtitle: null }, many);
		const rows = new Set([...wrapped.svg.matchAll(/<rect x="\d+(?:\.\d+)?" y="(\d+)" width="10"/g)].map((m) => m[1]));
		expect(rows.size).toBeGreaterThan(1);
		expect(wrapped.height).toBeGreaterThan(saved.height);
		for (const [, x] of wrapped.svg.matchAll(/<rect x="(\d+(?:\.\d+)?)" y="\d+" width="10"/g)) expect(Number(x)).toBeLessThan(640 - 16);

		expect(() => standaloneSvg({ ...chart, svg: '<div>not a chart</div>' }, { title: 'T', subtitle: null }, [])).toThrow('not an SVG');
	});

	it('names the file for what it shows', () => {
		expect(statisticsFileName('Meta Custom Audiences', 30)).toBe('meta-custom-audiences-statistics-30-days');
		expect(statisticsFileName('  Clang: Newsletter (Batch) ', 7)).toBe('clang-newsletter-batch-statistics-7-days');
		expect(statisticsFileName('***', 90)).toBe('connector-statistics-90-days');
	});
});
