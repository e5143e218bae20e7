/**
 * Where a drawn bar chart put its days (or connectors) and its values, as plain numbers: the
 * chart is drawn off the main thread into an SVG picture, and the page answers the pointer
 * (which day, which series, where the hover band goes) from this frame alone.
 */
export interface ChartFrame {
	/** The axis that carries the categories (days, connectors): 'x' for columns, 'y' for rows. */
	categoryAxis: 'x' | 'y';
	/** The plot area, in pixels from the picture's top left corner. */
	plot: { x: number; y: number; width: number; height: number };
	/** How many categories the axis has. */
	count: number;
	/** The centre of the first category on its axis, in pixels. */
	first: number;
	/** Pixels from one category's centre to the next (negative on a reversed axis). */
	step: number;
	/** The pixel of the value 0 on the value axis. */
	zero: number;
	/** Pixels per unit on the value axis (negative where values grow upwards). */
	perUnit: number;
	/** The thickness of a bar across its category axis, in pixels. */
	barWidth: number;
}

/** A stacked series as the frame needs it: its id and one value per category. */
export interface StackedSeries {
	id: string;
	data: readonly number[];
}

function inside(frame: ChartFrame, x: number, y: number): boolean {
	const { plot } = frame;
	return x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height;
}

/** The category (index) under a point of the picture, or null outside the plot. */
export function categoryAt(frame: ChartFrame, x: number, y: number): number | null {
	if (frame.count === 0 || frame.step === 0 || !inside(frame, x, y)) return null;
	const along = frame.categoryAxis === 'x' ? x : y;
	const index = Math.round((along - frame.first) / frame.step);
	return Math.min(frame.count - 1, Math.max(0, index));
}

/** The value on the value axis at a point of the picture. */
export function valueAt(frame: ChartFrame, x: number, y: number): number {
	if (frame.perUnit === 0) return 0;
	return ((frame.categoryAxis === 'x' ? y : x) - frame.zero) / frame.perUnit;
}

/**
 * The series whose bar is under a point, stacked in the order given (the first at the base), or
 * null beside, between and above the bars.
 */
export function seriesAt(frame: ChartFrame, series: readonly StackedSeries[], x: number, y: number): { seriesId: string; index: number } | null {
	const index = categoryAt(frame, x, y);
	if (index === null) return null;
	const along = frame.categoryAxis === 'x' ? x : y;
	// Half a pixel of slack on every side keeps thin and one-message bars clickable.
	if (Math.abs(along - (frame.first + index * frame.step)) > frame.barWidth / 2 + 0.5) return null;
	const value = valueAt(frame, x, y);
	const slack = Math.abs(0.5 / (frame.perUnit || 1));
	let base = 0;
	for (const s of series) {
		const size = s.data[index] ?? 0;
		if (size > 0 && value >= base - slack && value <= base + size + slack) return { seriesId: s.id, index };
		base += size;
	}
	return null;
}

/** The band of a category across the plot (the hover shadow), in pixels. */
export function bandOf(frame: ChartFrame, index: number): { x: number; y: number; width: number; height: number } {
	const size = Math.abs(frame.step) || (frame.categoryAxis === 'x' ? frame.plot.width : frame.plot.height);
	const centre = frame.first + index * frame.step;
	return frame.categoryAxis === 'x'
		? { x: centre - size / 2, y: frame.plot.y, width: size, height: frame.plot.height }
		: { x: frame.plot.x, y: centre - size / 2, width: frame.plot.width, height: size };
}
