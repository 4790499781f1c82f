// Shisaku Flow: the fiscal year's schedule in Cockpit (plan against actual), drawn with ECharts.
// Data: GET /api/progress/dashboard (the app's progress API). Dashboard view, and a tab on the
// initiative-lifecycle definition and instance views.

import {appFetch, escape, plugin, showError} from '../../shisaku/scripts/plugin-kit.js';

// No version in the URL: webjars-locator-lite finds it in the ECharts WebJar, whose version is in the pom only.
const ECHARTS = '/webjars/echarts/dist/echarts.min.js';
const YEAR_KEY = 'shisaku.fiscalYear';
const COLORS = {
  ON_SCHEDULE: '#2e7d32',
  AHEAD: '#1565c0',
  DELAYED: '#c62828',
  COMPLETED: '#546e7a',
  planned: '#cfd8dc',
  milestone: '#6a1b9a',
  follows: '#37474f',
  today: '#ef6c00'
};

let echartsLoading;
const loadEcharts = () => {
  if (window.echarts) {
    return Promise.resolve(window.echarts);
  }
  echartsLoading = echartsLoading || new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = ECHARTS;
    script.onload = () => resolve(window.echarts);
    script.onerror = () => reject(new Error('ECharts could not be loaded from ' + ECHARTS));
    document.head.appendChild(script);
  });
  return echartsLoading;
};

/** The year chosen before in this browser, if any; the server's answer for no year is the current one. */
const chosenYear = () => Number(window.localStorage.getItem(YEAR_KEY)) || null;

/** The year's dashboard; without a year, that of the instance given, else of the current fiscal year. */
const fetchDashboard = (year, processInstanceId) => {
  const params = new URLSearchParams();
  if (year) {
    params.set('fiscalYear', year);
  }
  if (processInstanceId) {
    params.set('processInstanceId', processInstanceId);
  }
  return appFetch('/api/progress/dashboard?' + params).then(response => {
    if (!response.ok) {
      throw new Error('進捗を取得できませんでした (' + response.status + ')');
    }
    return response.json();
  });
};

const day = iso => new Date(iso + 'T00:00:00').getTime();
const nextDay = iso => day(iso) + 86400000;

/**
 * Rows of the chart: per workstream, a header row (its milestones) and one row per initiative. Every workstream
 * of the year's plans has its header row in the plan's order, with or without initiatives (有識者会議 has only
 * meetings); {@code workstreams} limits them (a filter, or an instance's own).
 */
const rowsOf = (data, initiatives, workstreams) => {
  const rows = [];
  const byWorkstream = {};
  initiatives.forEach(i => (byWorkstream[i.workstream] = byWorkstream[i.workstream] || []).push(i));
  const order = Object.keys(data.workstreamNames)
    .concat(Object.keys(byWorkstream).filter(w => !(w in data.workstreamNames)).sort())
    .filter(w => !workstreams || workstreams.indexOf(w) >= 0);
  order.forEach(workstream => {
    rows.push({header: true, workstream, label: '【' + (data.workstreamNames[workstream] || workstream) + '】'});
    (byWorkstream[workstream] || []).forEach(initiative => rows.push({
      initiative,
      label: (initiative.waitingFor && initiative.waitingFor.length ? '⚠ ' : '') + initiative.title
    }));
  });
  return rows;
};

/** An initiative's owners, phases, links and the predecessors it waits for, as the server words them. */
const initiativeDetails = i => {
  const lines = [];
  if (i.owners && i.owners.text) {
    lines.push(escape(i.owners.text));
  }
  (i.phases || []).forEach(p => lines.push('・' + escape(p.name) + '：' + escape(p.period || '')));
  (i.links || []).forEach(l => lines.push(escape(l.kindLabel) + '：' + escape(l.targetTitle)
    + (l.note ? '（' + escape(l.note) + '）' : '')));
  (i.waitingFor || []).forEach(w => lines.push('<b>⚠ 先行する取組が未完了：' + escape(w.title) + '（'
    + escape(w.statusLabel) + '）</b>'));
  return lines.join('<br>');
};

const chartOption = (data, rows) => {
  const planned = [];
  const actual = [];
  const milestones = [];
  const windows = [];
  rows.forEach((row, index) => {
    if (row.header) {
      const rowWindows = {};
      data.milestones.filter(m => m.workstream === row.workstream).forEach(m => {
        if (m.exact) {
          milestones.push({value: [day(m.date), index], milestone: m});
          return;
        }
        // Not a day anybody chose: the whole window it may fall in, with the plan's words for it; milestones of
        // the same window share one bar (第2回・第3回 … 第3四半期頃).
        const key = m.date + '/' + m.until;
        if (rowWindows[key]) {
          rowWindows[key].milestones.push(m);
        } else {
          rowWindows[key] = {value: [index, day(m.date), nextDay(m.until)], milestones: [m]};
        }
      });
      const sorted = Object.keys(rowWindows).map(k => rowWindows[k]).sort((a, b) => a.value[1] - b.value[1]);
      // A label ends where the next window on the row begins, so that none is written over another.
      sorted.forEach((w, n) => {
        w.labelUntil = n + 1 < sorted.length ? Math.min(w.value[2], sorted[n + 1].value[1]) : w.value[2];
        windows.push(w);
      });
      return;
    }
    const i = row.initiative;
    i.phases.forEach(p => planned.push({value: [index, day(p.start), nextDay(p.end), p.name], period: p.period,
      initiative: i}));
    const since = i.actualPhase && i.actualPhase.start ? day(i.actualPhase.start) : day(data.yearStart);
    const until = Math.max(since + 86400000, nextDay(data.asOf));
    actual.push({
      value: [index, i.status === 'COMPLETED' ? day(data.yearStart) : since, until],
      initiative: i,
      itemStyle: {color: COLORS[i.status]}
    });
  });
  // An item that follows another (a dependency): a dotted line from the end of the predecessor's plan down to
  // the start of the follower's, where both are on the chart.
  const rowOfItem = {};
  rows.forEach((row, index) => row.header || (rowOfItem[row.initiative.initiativeId] = index));
  const follows = [];
  rows.forEach((row, index) => {
    const i = row.initiative;
    if (row.header || !i.phases.length) {
      return;
    }
    (i.links || []).filter(l => l.kind === 'follows' && l.target in rowOfItem).forEach(l => {
      const predecessor = rows[rowOfItem[l.target]].initiative;
      if (predecessor.phases.length) {
        follows.push({value: [rowOfItem[l.target], index, nextDay(predecessor.phases[predecessor.phases.length - 1].end),
          day(i.phases[0].start)], initiative: i});
      }
    });
  });
  const followLine = (params, api) => {
    const from = api.coord([api.value(2), api.value(0)]);
    const to = api.coord([api.value(3), api.value(1)]);
    const y = to[1] - api.size([0, 1])[1] * 0.3;
    return {
      type: 'group',
      children: [
        {type: 'polyline', shape: {points: [[from[0], from[1]], [from[0], y], [to[0], y]]},
          style: {stroke: COLORS.follows, lineDash: [2, 2], lineWidth: 1, fill: null}},
        {type: 'circle', shape: {cx: to[0], cy: y, r: 3}, style: {fill: COLORS.follows}}
      ]
    };
  };
  const bar = (height, offset) => (params, api) => {
    const start = api.coord([api.value(1), api.value(0)]);
    const end = api.coord([api.value(2), api.value(0)]);
    const size = api.size([0, 1])[1];
    return {
      type: 'rect',
      shape: {x: start[0], y: start[1] - size * offset, width: Math.max(2, end[0] - start[0]), height: size * height},
      style: api.style()
    };
  };
  const windowBar = (params, api) => {
    const start = api.coord([api.value(1), api.value(0)]);
    const end = api.coord([api.value(2), api.value(0)]);
    const size = api.size([0, 1])[1];
    const width = Math.max(2, end[0] - start[0]);
    const w = windows[params.dataIndex];
    const labelWidth = api.coord([w.labelUntil, api.value(0)])[0] - start[0];
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          // the lower part of the row: the ▲ of exact days sit above it
          shape: {x: start[0], y: start[1] - size * 0.05, width, height: size * 0.45},
          // pale and dashed: a window, not a day
          style: {fill: 'rgba(106, 27, 154, 0.12)', stroke: COLORS.milestone, lineDash: [4, 3], lineWidth: 1}
        },
        {
          type: 'text',
          x: start[0] + 3, y: start[1] + size * 0.175,
          style: {text: w.milestones[0].dateText + ' ' + w.milestones.map(m => m.title).join('／'),
            fill: COLORS.milestone, fontSize: 10, verticalAlign: 'middle', width: Math.max(0, labelWidth - 6),
            overflow: 'truncate'}
        }
      ]
    };
  };
  const milestoneTip = m => '▲ ' + escape(m.title) + '<br>' + escape(m.dateText) + ' ・ ' + escape(m.kindLabel)
    + ((m.about || []).length ? '<br>関係する取組：' + m.about.map(escape).join('、') : '');
  return {
    animation: false,
    grid: {left: 260, right: 24, top: 36, bottom: 24},
    tooltip: {
      confine: true,
      formatter: p => {
        if (p.data && p.data.milestone) {
          return milestoneTip(p.data.milestone);
        }
        if (p.data && p.data.milestones) {
          return p.data.milestones.map(milestoneTip).join('<br>');
        }
        const i = p.data.initiative;
        const actualPhase = i.actualPhase ? i.actualPhase.name : '—';
        return '<b>' + escape(i.title) + '</b><br>'
          + (p.seriesName === '計画' ? '計画: ' + escape(p.value[3]) + '（' + escape(p.data.period || '') + '）<br>' : '')
          + '状況: ' + escape(data.statusLabels[i.status]) + (i.daysLate ? '（' + i.daysLate + '日遅れ）' : '')
          + '<br>実際の段階: ' + escape(actualPhase) + '<br>' + initiativeDetails(i);
      }
    },
    xAxis: {
      type: 'time', position: 'top', min: day(data.yearStart), max: nextDay(data.yearEnd),
      splitLine: {show: true, lineStyle: {color: '#eceff1'}},
      axisLabel: {formatter: value => (new Date(value).getMonth() + 1) + '月'},
      interval: 30 * 86400000
    },
    yAxis: {
      type: 'category', inverse: true, data: rows.map(r => r.label),
      axisLabel: {width: 240, overflow: 'truncate', interval: 0},
      axisTick: {show: false}
    },
    series: [
      {
        name: '計画', type: 'custom', renderItem: bar(0.6, 0.3), encode: {x: [1, 2], y: 0}, data: planned,
        itemStyle: {color: COLORS.planned},
        markLine: {
          symbol: 'none', silent: true, label: {formatter: '今日', color: COLORS.today},
          lineStyle: {color: COLORS.today, type: 'solid', width: 2},
          data: [{xAxis: nextDay(data.asOf) - 1}]
        }
      },
      {name: '実績', type: 'custom', renderItem: bar(0.3, 0.15), encode: {x: [1, 2], y: 0}, data: actual},
      {
        name: '日程', type: 'scatter', symbol: 'triangle', symbolSize: 11, symbolOffset: [0, -6], data: milestones,
        itemStyle: {color: COLORS.milestone}
      },
      {name: '時期に幅のある日程', type: 'custom', renderItem: windowBar, encode: {x: [1, 2], y: 0}, data: windows},
      {name: '先行関係', type: 'custom', renderItem: followLine, encode: {x: [2, 3], y: [0, 1]}, data: follows}
    ]
  };
};

const table = (title, header, rows) =>
  '<h4>' + escape(title) + '</h4><table class="table table-condensed table-striped shisaku-figures"><thead><tr>'
  + header.map(h => '<th>' + escape(h) + '</th>').join('') + '</tr></thead><tbody>'
  + rows.map(r => '<tr>' + r.map(c => '<td>' + escape(c) + '</td>').join('') + '</tr>').join('')
  + '</tbody></table>';

const figuresHtml = data => {
  const counts = s => [s.total, s.onSchedule, s.ahead, s.delayed, s.completed];
  const statusHeader = ['施策数', '予定通り', '前倒し', '遅延', '完了'];
  return table('ワークストリーム別の状況', ['ワークストリーム'].concat(statusHeader),
      data.progress.byWorkstream.map(s => [data.workstreamNames[s.key] || s.key].concat(counts(s))))
    + table('担当別の状況', ['担当'].concat(statusHeader),
      data.progress.byOwnerGroup.map(s => [data.groupNames[s.key] || s.key].concat(counts(s))))
    + table('期限切れのタスク（グループ別）', ['グループ', '件数'],
      Object.keys(data.figures.overdueTasksByGroup).map(g => [data.groupNames[g] || g, data.figures.overdueTasksByGroup[g]]))
    + table('段階ごとの所要日数', ['段階', '件数', '中央値（日）', '90パーセンタイル（日）'],
      data.figures.phaseDurations.map(d => [d.name, d.count, d.medianDays, d.p90Days]))
    + table('四半期ごとの推移', ['四半期', '基準日', '予定通り', '前倒し', '遅延', '完了'],
      data.figures.trend.map(t => ['第' + t.quarter + '四半期', t.asOf, t.onSchedule, t.ahead, t.delayed, t.completed]));
};

const select = (name, label, options) =>
  '<label class="shisaku-filter">' + escape(label) + ' <select class="form-control input-sm" name="' + name + '">'
  + '<option value="">すべて</option>'
  + options.map(o => '<option value="' + escape(o[0]) + '">' + escape(o[1]) + '</option>').join('') + '</select></label>';

/**
 * The schedule view; {@code only} limits it to one process instance (the instance tab). Returns its cleanup:
 * the chart is disposed, and answers that arrive after it are dropped.
 */
const mountSchedule = (node, only) => {
  node.innerHTML = '<div class="shisaku-schedule"><p>読み込み中…</p></div>';
  const root = node.firstChild;
  let chart;
  let unmounted = false;
  const dispose = () => {
    if (chart) {
      chart.dispose();
      chart = null;
    }
  };
  const draw = year => Promise.all([loadEcharts(), fetchDashboard(year, only)]).then(([echarts, data]) => {
    if (unmounted) {
      return;
    }
    const years = data.selectableYears.indexOf(data.fiscalYear) < 0
      ? data.selectableYears.concat([data.fiscalYear]) : data.selectableYears;
    const statuses = Object.keys(data.statusLabels);
    const workstreams = Object.keys(data.workstreamNames).map(k => [k, data.workstreamNames[k]]);
    const groups = Object.keys(data.groupNames).filter(g => data.wardGroups.indexOf(g) < 0)
      .map(g => [g, data.groupNames[g]]);
    const wards = data.wardGroups.map(g => [g, data.groupNames[g]]);
    root.innerHTML = '<div class="shisaku-toolbar form-inline">'
      + '<label class="shisaku-filter">年度 <select class="form-control input-sm" name="year">'
      + years.map(y => '<option value="' + y + '"' + (y === data.fiscalYear ? ' selected' : '') + '>' + y + '年度</option>').join('')
      + '</select></label>'
      + (only ? '' : select('workstream', 'ワークストリーム', workstreams) + select('ownerGroup', '担当', groups)
        + select('ward', '区', wards) + select('status', '状況', statuses.map(s => [s, data.statusLabels[s]])))
      + ' <span class="shisaku-legend">'
      + statuses.map(s => '<span style="color:' + COLORS[s] + '">■</span> ' + escape(data.statusLabels[s])).join(' ')
      + ' <span style="color:' + COLORS.planned + '">■</span> 計画 <span style="color:' + COLORS.milestone + '">▲</span> 日程'
      + ' <span style="border:1px dashed ' + COLORS.milestone + ';padding:0 6px">　</span> 時期に幅のある日程'
      + ' <span style="color:' + COLORS.follows + '">┆●</span> 先行する取組から ⚠ 先行する取組が未完了'
      + ' <span style="color:' + COLORS.today + '">|</span> 今日（' + escape(data.asOf) + '）</span></div>'
      + '<div class="shisaku-chart" style="width:100%"></div><div class="shisaku-delays"></div>'
      + (only ? '' : '<div class="shisaku-figures-block">' + figuresHtml(data) + '</div>');
    const chartNode = root.querySelector('.shisaku-chart');
    const filters = {};
    const redraw = () => {
      const concerns = (i, group) => i.ownerGroup === group
        || (i.owners && (i.owners.coOwners.indexOf(group) >= 0 || i.owners.wards.indexOf(group) >= 0));
      const initiatives = data.progress.initiatives.filter(i =>
        (!only || i.processInstanceId === only)
        && (!filters.workstream || i.workstream === filters.workstream)
        && (!filters.ownerGroup || concerns(i, filters.ownerGroup))
        && (!filters.ward || concerns(i, filters.ward))
        && (!filters.status || i.status === filters.status));
      const workstreams = only ? initiatives.map(i => i.workstream)
        : filters.workstream ? [filters.workstream] : null;
      const rows = rowsOf(data, initiatives, workstreams);
      chartNode.style.height = Math.max(160, rows.length * 26 + 70) + 'px';
      dispose();
      chart = echarts.init(chartNode, null, {renderer: 'svg'});
      chart.setOption(chartOption(data, rows));
      chart.on('click', params => {
        if (params.data && params.data.initiative) {
          window.location.hash = '#/process-instance/' + params.data.initiative.processInstanceId + '/runtime';
        }
      });
      root.setAttribute('data-initiatives', String(initiatives.length));
    };
    root.querySelectorAll('select').forEach(s => s.addEventListener('change', () => {
      if (s.name === 'year') {
        window.localStorage.setItem(YEAR_KEY, s.value);
        draw(Number(s.value));
        return;
      }
      filters[s.name] = s.value;
      redraw();
    }));
    redraw();
    if (only) {
      renderDelays(root.querySelector('.shisaku-delays'), data.delays);
    }
  }).catch(error => {
    if (!unmounted) {
      showError(root, error);
    }
  });
  // An instance is drawn in its own fiscal year (the server reads it); the dashboard in the year chosen before.
  draw(only ? null : chosenYear());
  return () => {
    unmounted = true;
    dispose();
  };
};

/** The instance's history of delays (its escalation tasks), as the dashboard answered for it. */
const renderDelays = (node, delays) => {
  node.innerHTML = table('遅延の履歴', ['遅延した段階', '検知', '対応完了'],
    delays.map(d => [d.name, d.detected, d.handled || '対応中']))
    + (delays.length ? '' : '<p>遅延はありません。</p>');
};

export default [
  plugin({
    id: 'shisaku.schedule.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    properties: {label: '年度の進捗（計画と実績）'},
    mount: node => mountSchedule(node, null)
  }),
  plugin({
    id: 'shisaku.schedule.definition',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 20,
    properties: {label: '施策の進捗'},
    mount: node => mountSchedule(node, null)
  }),
  plugin({
    id: 'shisaku.schedule.instance',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: {label: '施策の進捗'},
    mount: (node, {processInstanceId}) => mountSchedule(node, processInstanceId)
  })
];
