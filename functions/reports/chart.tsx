/**
 * An XmR chart drawn on the server as SVG, so it reads without JavaScript, prints, and goes into the
 * Word report as it is: the figures joined by a line over their mean (solid) and natural process
 * limits (dashed), and below them the moving ranges with mR̄ and the upper range limit. A point that
 * is a signal is a diamond, not a dot (shape as well as colour). Colours and fonts are attributes, not
 * a stylesheet, so the same markup renders alone (in Word, or rasterised by ./png.ts).
 *
 *   <XmrSvg chart={chart} id="complaints" title="Complaints received each quarter" />
 *   xmrSvgMarkup(chart, { id: 'complaints', title: '...' }) // a standalone SVG document, for Word
 */
import { describeSignal, type XmrChart, type XmrPoint } from './xmr.js';
import { formatNumber } from './format.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 452;

const PLOT = { left: 56, right: CHART_WIDTH - 136 };
const X_PANEL = { top: 36, bottom: 250 };
const MR_PANEL = { top: 336, bottom: 406 };
const LEGEND_Y = 440;

const INK = '#0b0c0c';
const DATA = '#1d3a6e'; // the brand navy, 11.6:1 on white
const REFERENCE = '#505a5f'; // 7:1 on white
const GRID = '#d8dadb';
const SIGNAL = '#d4351c'; // 4.5:1 on white, and a different shape
const FONT = "'Helvetica Neue', Helvetica, Arial, sans-serif";

interface Scale {
  y: (v: number) => number;
  ticks: number[];
}

/** Round steps (1, 2, 2.5, 5 × a power of ten) spanning the values, about `count` of them. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (min === max) [min, max] = [min - 1, max + 1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  // toPrecision drops the binary noise of sums like 3 × 0.2 (0.6000000000000001).
  for (let k = 0; first + k * step < max + step - step / 1e6; k++) ticks.push(Number((first + k * step).toPrecision(12)));
  return ticks;
}

function scale(values: number[], panel: { top: number; bottom: number }): Scale {
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const [low, high] = [ticks[0]!, ticks.at(-1)!];
  return { ticks, y: (v) => round(panel.bottom - ((v - low) / (high - low)) * (panel.bottom - panel.top)) };
}

const round = (n: number) => Math.round(n * 10) / 10;
const px = (n: number) => String(round(n));

function xOf(count: number) {
  const step = count > 1 ? (PLOT.right - PLOT.left - 24) / (count - 1) : 0;
  return (i: number) => round(PLOT.left + 12 + (count > 1 ? i * step : (PLOT.right - PLOT.left - 24) / 2));
}

const isSignal = (p: XmrPoint, rules?: string[]) => p.signals.some((s) => !rules || rules.includes(s.rule));

function Marker({ x, y, signal }: { x: number; y: number; signal: boolean }) {
  if (!signal) return <circle cx={px(x)} cy={px(y)} r="4" fill={DATA} />;
  const r = 7;
  return <path d={`M${px(x)} ${px(y - r)}L${px(x + r)} ${px(y)}L${px(x)} ${px(y + r)}L${px(x - r)} ${px(y)}Z`} fill={SIGNAL} stroke={INK} stroke-width="1" />;
}

/** Labels at the right end of reference lines, pushed apart so they never overlap. */
function lineLabels(lines: Array<{ y: number; text: string }>) {
  const sorted = [...lines].sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) sorted[i]!.y = Math.max(sorted[i]!.y, sorted[i - 1]!.y + 14);
  return sorted.map((l) => (
    <text x={px(PLOT.right + 8)} y={px(l.y + 4)} font-size="12" fill={INK}>
      {l.text}
    </text>
  ));
}

function ReferenceLine({ y, dashed }: { y: number; dashed?: boolean }) {
  return <line x1={px(PLOT.left)} x2={px(PLOT.right)} y1={px(y)} y2={px(y)} stroke={REFERENCE} stroke-width={dashed ? '1.5' : '2'} stroke-dasharray={dashed ? '6 4' : undefined} />;
}

function Axis({ scale: s, decimals }: { scale: Scale; decimals: number }) {
  return (
    <g>
      {s.ticks.map((t) => (
        <g>
          <line x1={px(PLOT.left)} x2={px(PLOT.right)} y1={px(s.y(t))} y2={px(s.y(t))} stroke={GRID} stroke-width="1" />
          <text x={px(PLOT.left - 6)} y={px(s.y(t) + 4)} font-size="12" fill={INK} text-anchor="end">
            {formatNumber(t, decimals)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Period labels under the figures, on two lines ("Oct to Dec", "2026"), thinned to fit, always the latest. */
function PeriodLabels({ points, x }: { points: XmrPoint[]; x: (i: number) => number }) {
  const spacing = points.length > 1 ? x(1) - x(0) : Infinity;
  const every = Math.max(1, Math.ceil(72 / spacing));
  return (
    <g>
      {points.map((p, i) => {
        if ((points.length - 1 - i) % every !== 0) return null;
        const text = p.shortLabel ?? p.label;
        const cut = text.lastIndexOf(' ');
        const lines = cut > 0 ? [text.slice(0, cut), text.slice(cut + 1)] : [text];
        return (
          <text x={px(x(i))} y={px(X_PANEL.bottom + 20)} font-size="12" fill={INK} text-anchor="middle">
            {lines.map((line, k) => (
              <tspan x={px(x(i))} dy={k === 0 ? '0' : '14'}>
                {line}
              </tspan>
            ))}
          </text>
        );
      })}
    </g>
  );
}

function Legend({ withLimits }: { withLimits: boolean }) {
  // Each key: its symbol, where its words start, and how much room it takes.
  const items: Array<{ key: unknown; text: string; textX: number; width: number }> = [
    { key: <circle cx="6" cy="0" r="4" fill={DATA} />, text: 'Figure', textX: 16, width: 80 },
    { key: <Marker x={6} y={0} signal />, text: 'Signal', textX: 16, width: 80 },
  ];
  if (withLimits) {
    items.push({ key: <line x1="0" x2="24" y1="0" y2="0" stroke={REFERENCE} stroke-width="2" />, text: 'Mean', textX: 30, width: 88 });
    items.push({
      key: <line x1="0" x2="24" y1="0" y2="0" stroke={REFERENCE} stroke-width="1.5" stroke-dasharray="6 4" />,
      text: 'Limits (natural process, upper range)',
      textX: 30,
      width: 280,
    });
  }
  let x = PLOT.left;
  return (
    <g>
      {items.map((item) => {
        const at = x;
        x += item.width;
        return (
          <g transform={`translate(${at} ${LEGEND_Y})`}>
            {item.key}
            <text x={String(item.textX)} y="4" font-size="12" fill={INK}>
              {item.text}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface XmrSvgProps {
  chart: XmrChart;
  /** Unique on the page: the title and description hang off it. */
  id: string;
  /** What the chart shows, e.g. "Complaints received each quarter". */
  title: string;
  /** Adds width and height, for a standalone SVG file (Word, PNG). */
  standalone?: boolean;
}

/** The description a screen reader hears: the verdict, the limits and every signal. */
export function chartDescription(chart: XmrChart): string {
  const f = (v: number) => formatNumber(v, chart.decimals);
  const { points, limits } = chart;
  const span = points.length ? ` ${points.length} ${points.length === 1 ? chart.period.one : chart.period.many}, ${points[0]!.label} to ${points.at(-1)!.label}.` : '';
  const lines = limits ? ` Mean ${f(limits.mean)}; natural process limits ${f(limits.lower)} to ${f(limits.upper)}; average moving range ${f(limits.averageMovingRange)}, upper range limit ${f(limits.upperRange)}.` : '';
  const signals = points.filter((p) => isSignal(p)).map((p) => `${p.label} (${f(p.value)})`);
  const signalText = signals.length ? ` Signals: ${signals.join(', ')}.` : limits ? ' No signals.' : '';
  return `${chart.sentence}${span}${lines}${signalText}`;
}

export function XmrSvg({ chart, id, title, standalone }: XmrSvgProps) {
  const { points, limits, decimals } = chart;
  const f = (v: number) => formatNumber(v, decimals);
  const x = xOf(points.length);
  const values = points.map((p) => p.value);
  const xScale = scale(limits ? [...values, limits.lower, limits.upper] : values.length ? values : [0], X_PANEL);
  const ranges = points.slice(1).map((p) => p.movingRange!);
  const mrScale = scale(limits ? [0, ...ranges, limits.upperRange] : [0, ...ranges], MR_PANEL);
  const path = (ys: number[], from = 0) => ys.map((y, i) => `${i === 0 ? 'M' : 'L'}${px(x(i + from))} ${px(y)}`).join('');
  const bounded = (which: boolean) => (which ? ' (bound)' : '');
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      width={standalone ? String(CHART_WIDTH) : undefined}
      height={standalone ? String(CHART_HEIGHT) : undefined}
      class={standalone ? undefined : 'app-xmr__chart'}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      focusable="false"
      font-family={FONT}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{chartDescription(chart)}</desc>
      <rect width={String(CHART_WIDTH)} height={String(CHART_HEIGHT)} fill="#ffffff" />
      <text x={px(PLOT.left)} y="20" font-size="14" font-weight="bold" fill={INK}>
        {title}
      </text>
      <Axis scale={xScale} decimals={decimals} />
      {limits ? (
        <g>
          <ReferenceLine y={xScale.y(limits.mean)} />
          <ReferenceLine y={xScale.y(limits.upper)} dashed />
          <ReferenceLine y={xScale.y(limits.lower)} dashed />
          {limits.averageMovingRange === 0
            ? lineLabels([{ y: xScale.y(limits.mean), text: `Mean ${f(limits.mean)}, no variation` }])
            : lineLabels([
                { y: xScale.y(limits.upper), text: `Upper limit ${f(limits.upper)}${bounded(limits.upperBounded)}` },
                { y: xScale.y(limits.mean), text: `Mean ${f(limits.mean)}` },
                { y: xScale.y(limits.lower), text: `Lower limit ${f(limits.lower)}${bounded(limits.lowerBounded)}` },
              ])}
        </g>
      ) : null}
      {points.length > 1 ? <path d={path(values.map(xScale.y))} fill="none" stroke={DATA} stroke-width="2" /> : null}
      {points.map((p, i) => (
        <Marker x={x(i)} y={xScale.y(p.value)} signal={isSignal(p, ['outside-limits', 'run', 'near-limit'])} />
      ))}
      <PeriodLabels points={points} x={x} />
      <text x={px(PLOT.left)} y={px(MR_PANEL.top - 14)} font-size="13" font-weight="bold" fill={INK}>
        Moving range (change from the period before)
      </text>
      <Axis scale={mrScale} decimals={decimals} />
      {limits ? (
        <g>
          <ReferenceLine y={mrScale.y(limits.averageMovingRange)} />
          <ReferenceLine y={mrScale.y(limits.upperRange)} dashed />
          {lineLabels([
            { y: mrScale.y(limits.upperRange), text: `Range limit ${f(limits.upperRange)}` },
            { y: mrScale.y(limits.averageMovingRange), text: `Average ${f(limits.averageMovingRange)}` },
          ])}
        </g>
      ) : null}
      {ranges.length > 1 ? <path d={path(ranges.map(mrScale.y), 1)} fill="none" stroke={DATA} stroke-width="1.5" /> : null}
      {points.slice(1).map((p, i) => (
        <Marker x={x(i + 1)} y={mrScale.y(p.movingRange!)} signal={isSignal(p, ['large-change'])} />
      ))}
      <Legend withLimits={!!limits} />
    </svg>
  );
}

/** The chart as a standalone SVG document (UTF-8 text), e.g. for the Word report or a download. */
export function xmrSvgMarkup(chart: XmrChart, options: { id: string; title: string }): string {
  const markup = (<XmrSvg chart={chart} id={options.id} title={options.title} standalone />).toString();
  if (typeof markup !== 'string') throw new Error('The chart rendered asynchronously');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}`;
}

/** The sentence about the latest figure; a signal stands out as inset text. */
export function XmrSentence({ chart }: { chart: XmrChart }) {
  if (chart.verdict === 'signal') return <div class="govuk-inset-text app-xmr__sentence">{chart.sentence}</div>;
  return <p class="govuk-body app-xmr__sentence">{chart.sentence}</p>;
}

/** The figures behind the chart: period, value, moving range and any signal, in words. */
export function XmrTable({ chart, caption, valueHeading = 'Figure' }: { chart: XmrChart; caption: string; valueHeading?: string }) {
  const f = (v: number) => formatNumber(v, chart.decimals);
  const numeric = 'govuk-table__cell govuk-table__cell--numeric';
  return (
    <table class="govuk-table app-xmr__table">
      <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Period
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {valueHeading}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            Moving range
          </th>
          <th scope="col" class="govuk-table__header">
            Signal
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {chart.points.map((p) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {p.label}
            </th>
            <td class={numeric}>{f(p.value)}</td>
            <td class={numeric}>{p.movingRange === undefined ? '' : f(p.movingRange)}</td>
            <td class="govuk-table__cell">{p.signals.length ? p.signals.map(describeSignal).join('; ') : 'None'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One figure's trend: the sentence, the chart and the table behind it, and a CSV link when given.
 * `id` must be unique on the page.
 */
export function XmrFigure(props: { chart: XmrChart; id: string; title: string; valueHeading?: string; csvHref?: string }) {
  const { chart, id, title } = props;
  return (
    <div class="app-xmr" id={id}>
      <XmrSentence chart={chart} />
      <XmrSvg chart={chart} id={`${id}-chart`} title={title} />
      <XmrTable chart={chart} caption={`${title}: the figures behind the chart`} valueHeading={props.valueHeading} />
      {props.csvHref ? (
        <p class="govuk-body app-no-print">
          <a class="govuk-link" href={props.csvHref} download>
            Download this table as CSV<span class="govuk-visually-hidden"> ({title})</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}
