/**
 * The echarts build the panorama uses: its core with line and scatter charts, grids, tooltips,
 * the axis pointer, legends and shaded areas, drawn on canvas (no SVG strings, no eval, so it
 * runs under the desk's strict CSP). Imported only by the lazily loaded chart component, so
 * echarts is a chunk of its own that loads when a panorama first opens.
 */
import { LineChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerParts([
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  AxisPointerComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export { init };
export type { ECharts, EChartsCoreOption } from 'echarts/core';
