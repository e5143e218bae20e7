/**
 * Saving a statistics chart as a file for slides and reports: the chart worker's SVG made into
 * a picture of its own (a white page, a heading, a legend), and a PNG drawn from it at twice
 * the size. Nothing leaves the browser: no fonts or images are fetched, and the PNG is drawn
 * from a Blob URL, which the app's Content-Security-Policy allows for images.
 */

/** What a saved chart is called: its heading and the file name without an extension. */
export interface SavedChartName {
	title: string;
	/** A second line under the title (the range and its days), or null. */
	subtitle: string | null;
	/** The file name without ".svg" or ".png", e.g. "meta-retargeting-eu-statistics-30-days". */
	fileName: string;
}

/** One entry of the saved chart's legend: a series' name and colour. */
export interface LegendEntry {
	label: string;
	colour: string;
}

/** A picture with its size in CSS pixels. */
export interface ChartPicture {
	svg: string;
	width: number;
	height: number;
}

const PADDING = 16;
const TITLE_SIZE = 15;
const TEXT_SIZE = 12;
const LINE = 20;
const SWATCH = 10;
// ECharts draws its labels in the generic sans-serif family; the heading uses the same, so the
// picture looks alike wherever it is opened and needs no font of its own.
const FONT = 'sans-serif';
// A rough width per character of 12 px sans-serif, enough to wrap the legend onto more lines.
const CHARACTER_WIDTH = 6.4;

/** Text made safe inside an SVG (XML) document. */
export function xmlText(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Legend entries placed in rows within `width`, each with its position. */
function legendLayout(legend: readonly LegendEntry[], width: number): Array<LegendEntry & { x: number; row: number }> {
	const placed: Array<LegendEntry & { x: number; row: number }> = [];
	let x = PADDING;
	let row = 0;
	for (const entry of legend) {
		const size = SWATCH + 6 + entry.label.length * CHARACTER_WIDTH;
		if (x > PADDING && x + size > width - PADDING) {
			row++;
			x = PADDING;
		}
		placed.push({ ...entry, x, row });
		x += size + 16;
	}
	return placed;
}

/**
 * The chart as a standalone SVG file: the XML declaration and namespaces, its size in pixels,
 * a white background (ECharts leaves it transparent), a <title>, and above the chart a heading
 * and a legend of its series (on the page these are HTML beside the picture).
 */
export function standaloneSvg(chart: ChartPicture, name: Pick<SavedChartName, 'title' | 'subtitle'>, legend: readonly LegendEntry[]): ChartPicture {
	const opening = /^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b/i;
	if (!opening.test(chart.svg)) throw new Error('The chart is not an SVG picture.');
	const { width } = chart;
	const placed = legendLayout(legend, width);
	const rows = placed.length > 0 ? placed[placed.length - 1]!.row + 1 : 0;
	const lines: string[] = [];
	let y = PADDING + TITLE_SIZE;
	lines.push(`<text x="${PADDING}" y="${y}" font-family="${FONT}" font-size="${TITLE_SIZE}" font-weight="600" fill="#1f2430">${xmlText(name.title)}</text>`);
	if (name.subtitle) {
		y += LINE;
		lines.push(`<text x="${PADDING}" y="${y}" font-family="${FONT}" font-size="${TEXT_SIZE}" fill="#4a5261">${xmlText(name.subtitle)}</text>`);
	}
	const legendTop = y + 12;
	for (const entry of placed) {
		const top = legendTop + entry.row * LINE;
		lines.push(
			`<rect x="${entry.x}" y="${top}" width="${SWATCH}" height="${SWATCH}" rx="2" fill="${xmlText(entry.colour)}"/>` +
				`<text x="${entry.x + SWATCH + 6}" y="${top + SWATCH - 1}" font-family="${FONT}" font-size="${TEXT_SIZE}" fill="#333">${xmlText(entry.label)}</text>`
		);
	}
	const header = Math.ceil(legendTop + rows * LINE + (rows > 0 ? 2 : -4));
	const height = header + chart.height + PADDING / 2;
	// The chart keeps its own <svg> (its size, viewBox, patterns and ids), nested and moved down
	// below the heading.
	const inner = chart.svg.replace(/^\s*<\?xml[^>]*\?>\s*/i, '').trim();
	const svg =
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n` +
		`<title>${xmlText(name.subtitle ? `${name.title}. ${name.subtitle}` : name.title)}</title>\n` +
		`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>\n` +
		`${lines.join('\n')}\n` +
		`<g transform="translate(0 ${header})">\n${inner}\n</g>\n` +
		`</svg>\n`;
	return { svg, width, height };
}

/** "Meta Retargeting EU" over 30 days: "meta-retargeting-eu-statistics-30-days". */
export function statisticsFileName(connectorName: string, range: number): string {
	const slug = connectorName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'connector';
	return `${slug}-statistics-${range}-days`;
}

/** The picture drawn as a PNG at `scale` times its size, on white. */
export async function pngOf(picture: ChartPicture, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([picture.svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image(picture.width, picture.height);
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(picture.width * scale);
		canvas.height = Math.round(picture.height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw the picture.');
		context.fillStyle = '#ffffff';
		context.fillRect(0, 0, canvas.width, canvas.height);
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made into a PNG.'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Hands a file to the browser's downloads, through a temporary link to a Blob URL. */
export function saveFile(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked once the download has had time to start: revoking at once can cancel it.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
