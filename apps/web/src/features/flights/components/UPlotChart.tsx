import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

interface UPlotChartProps {
  title: string;
  unit: string;
  t: number[];
  values: Array<number | null>;
  color: string;
}

/** One measure over time as a uPlot line (canvas; thousands of points stay fast), sized to its container. */
export function UPlotChart({ title, unit, t, values, color }: UPlotChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = () => Math.max(240, el.clientWidth);
    const plot = new uPlot(
      {
        title,
        width: width(),
        height: 200,
        scales: { x: { time: true } },
        series: [{}, { label: `${title} (${unit})`, stroke: color, width: 2, spanGaps: false }],
        axes: [{}, { label: unit }],
      },
      [t, values as number[]],
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 200 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [title, unit, t, values, color]);
  return <div className="chart" ref={ref} role="img" aria-label={`${title} chart, ${t.length} samples`} />;
}
