import { describe, expect, it } from 'vitest';
import { init } from '$lib/components/stats/echarts';
import { chartOption } from '$lib/domain/chart-option';
import { REMOVED_COLOR, SENT_COLOR } from '$lib/domain/stats-series';
import { emptyCounts, type DailyStatistics } from '$lib/domain/statistics';

const plain = { reportsPartnerErrorCodes: false, codeMessage: () => null };

describe('the statistics chart drawn as SVG (jsdom)', () => {
	it('draws a green and a blue bar for each day with messages, errors stacked on them, and labels each day', () => {
		const stats: DailyStatistics[] = [
			{ connectorId: 'c', day: '2026-11-26', counts: { ...emptyCounts(), sent: 40, removed: 10 } },
			{ connectorId: 'c', day: '2026-11-28', counts: { ...emptyCounts(), sent: 25, removed: 5, timeout: 8 } }
		];
		const chart = init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 300 });
		chart.setOption(chartOption(stats, 7, 'UTC', plain, Date.UTC(2026, 10, 28, 12)));
		const svg = chart.renderToSVGString();
		chart.dispose();
		const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
		// Bars of days without messages are drawn with no height ("l0 0"): only the others count.
		const filled = (color: string) =>
			[...document.querySelectorAll('path')].filter((p) => p.getAttribute('fill')?.toLowerCase() === color.toLowerCase() && !p.getAttribute('d')?.includes('l0 0l'));
		expect(filled(SENT_COLOR)).toHaveLength(2);
		expect(filled(REMOVED_COLOR)).toHaveLength(2);
		expect(filled('#e69f00')).toHaveLength(1); // the timeout, on the 28th only
		const labels = [...document.querySelectorAll('text')].map((t) => t.textContent);
		expect(labels).toEqual(expect.arrayContaining(['22 Nov', '28 Nov']));
		// Two days with messages, three sent bars would mean a day drawn twice or a day shifted.
		expect(filled(SENT_COLOR).map((p) => p.getAttribute('d')?.split('l')[0])).toHaveLength(new Set(filled(SENT_COLOR).map((p) => p.getAttribute('d')?.split('l')[0])).size);
	});
});
