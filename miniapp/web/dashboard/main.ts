/**
 * Draws the HR dashboard's charts with Chart.js (bundled from node_modules at
 * start-up; nothing from a CDN) from the figures the page embeds. The tables
 * next to each chart carry the same numbers, so the charts are a picture of
 * them and nothing more.
 */
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration, type ChartType,
} from 'chart.js';
import type { DashboardData } from '../../hr/dashboardTypes.js';
import * as w from '../../hr/dashboardWording.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip);
Chart.defaults.font.family = '-apple-system, BlinkMacSystemFont, "PingFang SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#4e5969';
Chart.defaults.animation = matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 };

/** One colour per leave type and per kind of exception, the same on every chart. */
const TYPE_COLORS: Readonly<Record<string, string>> = {
  annual: '#1f6ae6', sick: '#e5533d', personal: '#f0a020', compensatory: '#1a9c6b', marriage: '#c0479b', maternity: '#8e5bd6', paternity: '#2aa7c9', bereavement: '#6b7480',
};
const KIND_COLORS = { late: '#f0a020', early: '#e08a3c', missing: '#e5533d', absent: '#a3201b' } as const;
const STAGE_COLORS = ['#9ec1f7', '#6fa2f2', '#3f82ec', '#1f6ae6', '#0f4fb8'];

const data = JSON.parse(document.getElementById('dashboard-data')?.textContent ?? 'null') as DashboardData | null;

function draw<T extends ChartType>(id: string, config: ChartConfiguration<T>): void {
  const canvas = document.getElementById(id);
  if (canvas instanceof HTMLCanvasElement) new Chart(canvas, config);
}

const legend = { position: 'bottom' as const, labels: { boxWidth: 12, boxHeight: 12, padding: 12 } };
const intAxis = { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#eef0f3' } };

if (data) {
  draw<'doughnut'>('chart-leave-type', {
    type: 'doughnut',
    data: {
      labels: data.leaveByType.map((t) => t.name),
      datasets: [{ data: data.leaveByType.map((t) => t.days), backgroundColor: data.leaveByType.map((t) => TYPE_COLORS[t.code] ?? '#6b7480'), borderWidth: 2, borderColor: '#fff' }],
    },
    options: { maintainAspectRatio: false, cutout: '58%', plugins: { legend: { display: false } } },
  });

  draw<'bar'>('chart-leave-dept', {
    type: 'bar',
    data: {
      labels: data.leaveByDepartment.map((d) => d.department),
      datasets: data.leaveByType.map((t) => ({
        label: t.name,
        data: data.leaveByDepartment.map((d) => d.byType[t.code] ?? 0),
        backgroundColor: TYPE_COLORS[t.code] ?? '#6b7480',
        borderRadius: 3,
        maxBarThickness: 22,
      })),
    },
    options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: { ...intAxis, stacked: true, title: { display: true, text: '天' } }, y: { stacked: true, grid: { display: false } } }, plugins: { legend } },
  });

  const kinds = Object.keys(w.ANOMALY_KINDS) as Array<keyof typeof w.ANOMALY_KINDS>;
  draw<'bar'>('chart-anomalies', {
    type: 'bar',
    data: {
      labels: data.anomalies.map((a) => a.department),
      datasets: kinds.map((k) => ({ label: w.ANOMALY_KINDS[k], data: data.anomalies.map((a) => a[k]), backgroundColor: KIND_COLORS[k], borderRadius: 3, maxBarThickness: 26 })),
    },
    options: { maintainAspectRatio: false, scales: { x: { stacked: true, grid: { display: false } }, y: { ...intAxis, stacked: true } }, plugins: { legend } },
  });

  const stages = Object.keys(w.FUNNEL_STAGES) as Array<keyof typeof w.FUNNEL_STAGES>;
  draw<'bar'>('chart-funnel', {
    type: 'bar',
    data: {
      labels: data.funnel.map((j) => j.title),
      datasets: stages.map((s, i) => ({ label: w.FUNNEL_STAGES[s], data: data.funnel.map((j) => j[s]), backgroundColor: STAGE_COLORS[i] ?? '#1f6ae6', borderRadius: 3, maxBarThickness: 18 })),
    },
    options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: intAxis, y: { grid: { display: false } } }, plugins: { legend } },
  });
}
