/**
 * The parts of ECharts the statistics use, and nothing else: bar charts with a grid, legend, tooltip
 * and the aria description, drawn as SVG. Imported only by `loadCharts`, so ECharts is a
 * separate chunk that pages without charts never load.
 */
import { init, use } from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export { init };
