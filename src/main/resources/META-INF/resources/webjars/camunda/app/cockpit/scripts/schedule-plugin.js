// Shisaku Flow: the fiscal year's schedule in Cockpit (plan against actual), drawn with ECharts.
// Data: GET /api/progress/dashboard (the app's progress API). Dashboard view, and a tab on the
// initiative-lifecycle definition and instance views.

import {appFetch, chooseFiscalYear, chosenFiscalYear, escape, plugin, showError} from '../../shisaku/scripts/plugin-kit.js';

// No version in the URL: webjars-locator-lite finds it in the ECharts WebJar, whose version is in the pom only.
const ECHARTS = '/webjars/echarts/dist/echarts.min.js';
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
const chosenYear = chosenFiscalYear;

/** The filters of the dashboard, in the toolbar's order, with their labels. */
const FILTERS = [['workstream', 'ワークストリーム'], ['ownerGroup', '担当'], ['ward', '区'], ['status', '状況']];

/**
 * The year's dashboard as the filters limit it (the server counts and figures what they admit); without a year,
 * that of the instance given, else of the current fiscal year.
 */
const fetchDashboard = (year, processInstanceId, filters, city) => {
  const params = new URLSearchParams();
  if (year) {
    params.set('fiscalYear', year);
  }
  if (city) {
    params.set('city', city);
  }
  if (processInstanceId) {
    params.set('processInstanceId', processInstanceId);
  }
  FILTERS.forEach(([name]) => filters[name] && params.set(name, filters[name]));
  return appFetch('/api/progress/dashboard?' + params).then(response => {
    if (!response.ok) {
      throw new Error('進捗を取得できませんでした (' + response.status + ')');
    }
    return response.json();
  });
};

/**
 * The caller's cities with the year's counts (GET /api/cities), and whether the caller may download the quarterly
 * report; null where it cannot be read (the view goes on without the overview).
 */
const fetchCities = year => appFetch('/api/cities' + (year ? '?fiscalYear=' + year : ''))
  .then(response => response.ok ? response.json() : null).catch(() => null);

/** The cities' counts, one row per city: shown to whoever sees more than one city (the overview across cities). */
const citiesHtml = overview => table('市ごとの状況（' + overview.fiscalYear + '年度）',
  ['市', '施策数', '予定通り', '前倒し', '遅延', '完了'],
  overview.cities.map(c => [c.name || c.city, c.overall.total, c.overall.onSchedule, c.overall.ahead,
    c.overall.delayed, c.overall.completed]));

const DAY = 86400000;
const day = iso => new Date(iso + 'T00:00:00').getTime();
const nextDay = iso => day(iso) + DAY;
const ROW_HEIGHT = 34;
const LABEL_WIDTH = 300;
const STATUS_WIDTH = 120;

/** An initiative's status in words, as the server labels it (the chart's right column, the hidden table). */
const statusText = i => (i.statusLabel || '') + (i.daysLate ? '（' + i.daysLate + '日遅れ）' : '');

/**
 * Rows of the chart: per workstream, a header row (its milestones) and one row per initiative, in the plan's
 * order. Unfiltered, every workstream of the year's plans has its row, with or without initiatives (有識者会議 has
 * only meetings); {@code workstreams} limits them (a filter's result, or an instance's own).
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
  (i.actualPhases || []).forEach(p => lines.push('実績 ' + escape(p.name) + '：' + escape(p.period)));
  (i.links || []).forEach(l => lines.push(escape(l.kindLabel) + '：' + escape(l.targetTitle)
    + (l.note ? '（' + escape(l.note) + '）' : '')));
  (i.waitingFor || []).forEach(w => lines.push('<b>⚠ 先行する取組が未完了：' + escape(w.title) + '（'
    + escape(w.statusLabel) + '）</b>'));
  return lines.join('<br>');
};

/**
 * The marks of the header rows: a ▲ per day that has milestones (those of one day share it), a window per range
 * of vague ones (those of one window share it); {@code count} the milestones they carry, so every one is drawn.
 */
const milestoneMarks = (data, rows) => {
  const days = [];
  const windows = [];
  rows.forEach((row, index) => {
    if (!row.header) {
      return;
    }
    const rowDays = {};
    const rowWindows = {};
    data.milestones.filter(m => m.workstream === row.workstream).forEach(m => {
      if (m.exact) {
        if (rowDays[m.date]) {
          rowDays[m.date].milestones.push(m);
        } else {
          days.push(rowDays[m.date] = {value: [day(m.date), index], milestones: [m]});
        }
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
    // Windows that overlap (第3四半期頃 and 10月以降、年度内頃) go on lanes of their own within the row, so that
    // neither hides the other; a label ends where the next window on its lane begins.
    const sorted = Object.keys(rowWindows).map(k => rowWindows[k])
      .sort((a, b) => a.value[1] - b.value[1] || a.value[2] - b.value[2]);
    const lanes = [];
    sorted.forEach(w => {
      let lane = lanes.findIndex(last => last.value[2] <= w.value[1]);
      if (lane < 0) {
        lane = lanes.length;
      } else {
        lanes[lane].labelUntil = Math.min(lanes[lane].value[2], w.value[1]);
      }
      lanes[lane] = w;
      w.lane = lane;
      w.labelUntil = w.value[2];
      windows.push(w);
    });
    sorted.forEach(w => (w.lanes = lanes.length));
  });
  const count = days.concat(windows).reduce((sum, mark) => sum + mark.milestones.length, 0);
  return {days, windows, count};
};

const chartOption = (data, rows, marks) => {
  const planned = [];
  const actual = [];
  const windows = marks.windows;
  rows.forEach((row, index) => {
    if (row.header) {
      return;
    }
    const i = row.initiative;
    i.phases.forEach(p => planned.push({value: [index, day(p.start), nextDay(p.end), p.name], period: p.period,
      initiative: i}));
    // The phases as they ran: a finished one from the day it opened to the day it was done, the open one up to
    // today in the item's status colour.
    (i.actualPhases || []).forEach(p => actual.push({
      value: [index, day(p.start), p.end ? nextDay(p.end) : Math.max(day(p.start) + DAY, nextDay(data.asOf))],
      initiative: i,
      phase: p,
      itemStyle: {color: p.end ? COLORS.COMPLETED : COLORS[i.status]}
    }));
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
    // the lower part of the row (the ▲ of exact days sit above it), shared by the row's lanes
    const top = w.lanes > 1 ? start[1] - size * 0.25 : start[1] - size * 0.05;
    const height = (w.lanes > 1 ? size * 0.7 : size * 0.45) / w.lanes;
    const y = top + height * w.lane;
    return {
      type: 'group',
      children: [
        {
          type: 'rect',
          shape: {x: start[0], y, width, height},
          // pale and dashed: a window, not a day
          style: {fill: 'rgba(106, 27, 154, 0.12)', stroke: COLORS.milestone, lineDash: [4, 3], lineWidth: 1}
        },
        {
          type: 'text',
          x: start[0] + 3, y: y + height / 2,
          style: {text: w.milestones[0].dateText + ' ' + w.milestones.map(m => m.title).join('／'),
            fill: COLORS.milestone, fontSize: height < 12 ? 9 : 10, verticalAlign: 'middle',
            width: Math.max(0, labelWidth - 6), overflow: 'truncate'}
        }
      ]
    };
  };
  const milestoneTip = m => '▲ ' + escape(m.title) + '<br>' + escape(m.dateText) + ' ・ ' + escape(m.kindLabel)
    + ((m.about || []).length ? '<br>関係する取組：' + m.about.map(escape).join('、') : '');
  return {
    animation: false,
    grid: {left: LABEL_WIDTH + 16, right: STATUS_WIDTH + 16, top: 36, bottom: 24},
    tooltip: {
      confine: true,
      formatter: p => {
        if (p.data && p.data.milestones) {
          return p.data.milestones.map(milestoneTip).join('<br>');
        }
        const i = p.data.initiative;
        const actualPhase = i.actualPhase ? i.actualPhase.name : i.completedText || '—';
        return '<b>' + escape(i.title) + '</b><br>'
          + (p.seriesName === '計画' ? '計画: ' + escape(p.value[3]) + '（' + escape(p.data.period || '') + '）<br>' : '')
          + (p.data.phase ? '実績: ' + escape(p.data.phase.name) + '（' + escape(p.data.phase.period) + '）<br>' : '')
          + '状況: ' + escape(data.statusLabels[i.status]) + (i.daysLate ? '（' + i.daysLate + '日遅れ）' : '')
          + '<br>実際の段階: ' + escape(actualPhase) + '<br>' + initiativeDetails(i);
      }
    },
    xAxis: {
      type: 'time', position: 'top', min: day(data.yearStart), max: nextDay(data.yearEnd),
      splitLine: {show: true, lineStyle: {color: '#eceff1'}},
      axisLabel: {formatter: value => (new Date(value).getMonth() + 1) + '月'},
      interval: 30 * DAY
    },
    yAxis: [{
      type: 'category', inverse: true, data: rows.map(r => r.label), triggerEvent: true,
      // Two lines of the full label; a longer one ends in … and the label's tooltip has it all.
      axisLabel: {width: LABEL_WIDTH, overflow: 'break', lineOverflow: 'truncate', height: 28, lineHeight: 13,
        fontSize: 11, interval: 0},
      axisTick: {show: false}
    }, {
      // Each item's status in words beside its row (not colour alone), in its colour.
      type: 'category', inverse: true, position: 'right', data: rows.map(r => r.header ? '' : statusText(r.initiative)),
      axisLabel: {width: STATUS_WIDTH, overflow: 'truncate', fontSize: 11, interval: 0, fontWeight: 'bold',
        color: (value, index) => rows[index] && !rows[index].header ? COLORS[rows[index].initiative.status] : '#333'},
      axisTick: {show: false}, axisLine: {show: false}, splitLine: {show: false}
    }],
    series: [
      {
        name: '計画', type: 'custom', renderItem: bar(0.5, 0.25), encode: {x: [1, 2], y: 0}, data: planned,
        itemStyle: {color: COLORS.planned},
        markLine: {
          symbol: 'none', silent: true, label: {formatter: '今日', color: COLORS.today},
          lineStyle: {color: COLORS.today, type: 'solid', width: 2},
          data: [{xAxis: nextDay(data.asOf) - 1}]
        }
      },
      {name: '実績', type: 'custom', renderItem: bar(0.25, 0.125), encode: {x: [1, 2], y: 0}, data: actual},
      {
        name: '日程', type: 'scatter', symbol: 'triangle', symbolSize: 11, symbolOffset: [0, -6], data: marks.days,
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
  + (rows.length ? rows.map(r => '<tr>' + r.map(c => '<td>' + escape(c) + '</td>').join('') + '</tr>').join('')
    : '<tr><td colspan="' + header.length + '">該当するものはありません。</td></tr>')
  + '</tbody></table>';

const figuresHtml = (data, condition) => {
  const counts = s => [s.total, s.onSchedule, s.ahead, s.delayed, s.completed];
  const statusHeader = ['施策数', '予定通り', '前倒し', '遅延', '完了'];
  return (condition ? '<p class="shisaku-figures-condition">以下の表は、選んだ条件（' + escape(condition)
      + '）に当たる施策のものです。</p>' : '')
    + table('ワークストリーム別の状況', ['ワークストリーム'].concat(statusHeader),
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

/** The quarterly report's address for a year, quarter and format (GET /api/reports/quarterly). */
const reportUrl = (year, quarter, format) => '/api/reports/quarterly?' + new URLSearchParams({fiscalYear: year, quarter,
  format});

/**
 * The downloads of the schedule: the quarterly report (Excel or CSV) of a year and quarter, plain links that the
 * session cookie lets through; the chart as a PNG image. The report's quarter is at first the latest one the
 * year's trend has reached.
 */
const downloadsHtml = (data, years, reports) => {
  const trend = data.figures ? data.figures.trend : [];
  const quarter = trend.length ? trend[trend.length - 1].quarter : 1;
  return '<div class="shisaku-downloads form-inline" role="group" aria-label="ダウンロード">'
    + (reports ? '<strong>四半期進捗報告</strong> '
    + '<label class="shisaku-filter">年度 <select class="form-control input-sm" name="reportYear">'
    + years.map(y => '<option value="' + y + '"' + (y === data.fiscalYear ? ' selected' : '') + '>' + y + '年度</option>')
      .join('') + '</select></label>'
    + '<label class="shisaku-filter">四半期 <select class="form-control input-sm" name="reportQuarter">'
    + [1, 2, 3, 4].map(q => '<option value="' + q + '"' + (q === quarter ? ' selected' : '') + '>第' + q + '四半期</option>')
      .join('') + '</select></label>'
    + '<a class="btn btn-default btn-sm shisaku-report-xlsx" download href="">Excel（xlsx）</a> '
    + '<a class="btn btn-default btn-sm shisaku-report-csv" download href="">CSV</a>'
    + '<span class="shisaku-downloads-gap" style="display:inline-block;width:24px"></span>' : '')
    + '<button type="button" class="btn btn-default btn-sm shisaku-chart-png">図を画像（PNG）で保存</button> '
    + '<span class="shisaku-a3"></span>'
    + '</div>';
};

/**
 * 「A3 印刷用（PDF）」 and 「Excel（計画表）」: links per plan of the year, as the server lists them (GET /api/plans?fiscalYear=, with each
 * sheet's address; managers and administrators), as of the view's date. Nothing is offered where the list is refused.
 */
const offerA3 = (root, data, isCurrent) => {
  const place = root.querySelector('.shisaku-a3');
  if (!place) {
    return;
  }
  appFetch('/api/plans?' + new URLSearchParams({fiscalYear: data.fiscalYear}))
    .then(response => (response.ok ? response.json() : []))
    .then(plans => {
      if (!isCurrent() || !Array.isArray(plans)) {
        return;
      }
      const link = (css, address, label, p) => '<a class="btn btn-default btn-sm ' + css + '" download href="'
        + escape(address + '?' + new URLSearchParams({asOf: data.asOf})) + '"'
        + (plans.length > 1 ? ' title="' + escape(p.title) + '"' : '') + '>' + label
        + (plans.length > 1 ? '：' + escape(p.title) : '') + '</a>';
      // the workbook with each item's status as of the view's date; its import reads 段階一覧 and 計画 only
      place.innerHTML = plans.filter(p => p.chart).map(p => link('shisaku-a3-pdf', p.chart, 'A3 印刷用（PDF）', p)
        + (p.workbook ? ' ' + link('shisaku-plan-xlsx', p.workbook, 'Excel（計画表）', p) : '')).join(' ');
    })
    .catch(() => undefined);
};

/** Points the report links at the chosen year and quarter. */
const wireReportLinks = root => {
  const bar = root.querySelector('.shisaku-downloads');
  if (!bar || !bar.querySelector('select[name=reportYear]')) {
    return;
  }
  const update = () => {
    const year = bar.querySelector('select[name=reportYear]').value;
    const quarter = bar.querySelector('select[name=reportQuarter]').value;
    bar.querySelector('.shisaku-report-xlsx').setAttribute('href', reportUrl(year, quarter, 'xlsx'));
    bar.querySelector('.shisaku-report-csv').setAttribute('href', reportUrl(year, quarter, 'csv'));
  };
  bar.querySelectorAll('select').forEach(s => s.addEventListener('change', update));
  update();
};

/**
 * The chart as a PNG: the view draws SVG, so the same option is drawn once more, off screen, on a canvas of the
 * chart's size (twice the pixels, white behind), and that canvas is saved.
 */
const saveChartPng = (echarts, option, chartNode, title, fileName) => {
  const TITLE_HEIGHT = 32;
  const width = chartNode.clientWidth;
  const height = chartNode.clientHeight + TITLE_HEIGHT;
  const scratch = document.createElement('div');
  scratch.style.cssText = 'position:fixed;left:-20000px;top:0;width:' + width + 'px;height:' + height + 'px';
  document.body.appendChild(scratch);
  const offscreen = echarts.init(scratch, null, {renderer: 'canvas', width, height});
  try {
    offscreen.setOption(Object.assign({}, option, {tooltip: {show: false},
      title: {text: title, left: 16, top: 8, textStyle: {fontSize: 15}},
      grid: Object.assign({}, option.grid, {top: option.grid.top + TITLE_HEIGHT})}));
    const link = document.createElement('a');
    link.href = offscreen.getDataURL({type: 'png', pixelRatio: 2, backgroundColor: '#fff'});
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    offscreen.dispose();
    scratch.remove();
  }
};

/** A filter's choices: only what the year has (the server's options), the one chosen selected. */
const select = (name, label, options, chosen) =>
  '<label class="shisaku-filter">' + escape(label) + ' <select class="form-control input-sm" name="' + name + '">'
  + '<option value="">すべて</option>'
  + options.map(o => '<option value="' + escape(o.value) + '"' + (o.value === chosen ? ' selected' : '') + '>'
    + escape(o.label) + '</option>').join('') + '</select></label>';

/**
 * Cockpit 7.24 puts dashboard plugins in a section of its own below its technical boxes, titled カスタムプラグイン
 * (dashboard.html): the schedule's section is titled with the plugin's label and comes first.
 */
const leadTheDashboard = (node, label) => {
  const section = node.closest && node.closest('section.deprecate');
  if (!section) {
    return false;
  }
  const title = section.querySelector('.section-title');
  if (title && title.textContent !== label) {
    title.textContent = label;
  }
  const view = section.parentNode;
  if (view && view.firstElementChild !== section) {
    view.insertBefore(section, view.firstElementChild);
  }
  return true;
};

/**
 * The schedule view; {@code only} limits it to one process instance (the instance tab). Returns its cleanup:
 * the chart is disposed, and answers that arrive after it are dropped.
 */
const mountSchedule = (node, only) => {
  node.innerHTML = '<div class="shisaku-schedule"><p>読み込み中…</p></div>';
  const root = node.firstChild;
  let chart;
  let unmounted = false;
  let request = 0;
  let filters = {};
  // The city chosen, for a person of several cities ('': all of them).
  let city = '';
  const dispose = () => {
    if (chart) {
      chart.dispose();
      chart = null;
    }
  };
  // Only the latest request draws: a slower answer to an earlier choice never replaces a later one.
  const draw = year => {
    const mine = ++request;
    return Promise.all([loadEcharts(), fetchDashboard(year, only, only ? {} : filters, only ? '' : city),
      only ? null : fetchCities(year)]).then(([echarts, data, cities]) => {
      if (!unmounted && mine === request) {
        render(echarts, data, cities);
      }
    }).catch(error => {
      if (!unmounted && mine === request) {
        dispose();
        showError(root, error);
      }
    });
  };
  const render = (echarts, data, cities) => {
    // Several cities (the overview across cities, an administrator): their counts, and a choice of one city.
    const overview = cities && cities.cities.length > 1 ? cities : null;
    const years = data.selectableYears.indexOf(data.fiscalYear) < 0
      ? data.selectableYears.concat([data.fiscalYear]) : data.selectableYears;
    const statuses = Object.keys(data.statusLabels);
    let option;
    const options = data.filterOptions;
    const chosen = FILTERS.filter(([name]) => filters[name]).map(([name, label]) =>
      label + ': ' + ((options[name].find(o => o.value === filters[name]) || {}).label || filters[name])).join('、');
    dispose();
    root.innerHTML = '<div class="shisaku-toolbar form-inline">'
      + '<label class="shisaku-filter">年度 <select class="form-control input-sm" name="year">'
      + years.map(y => '<option value="' + y + '"' + (y === data.fiscalYear ? ' selected' : '') + '>' + y + '年度</option>').join('')
      + '</select></label>'
      + (overview ? '<label class="shisaku-filter">市 <select class="form-control input-sm" name="city">'
        + '<option value="">すべての市</option>' + overview.cities.map(c => '<option value="' + escape(c.city) + '"'
          + (c.city === city ? ' selected' : '') + '>' + escape(c.name || c.city) + '</option>').join('')
        + '</select></label>' : '')
      + (only ? '' : FILTERS.map(([name, label]) => select(name, label, options[name], filters[name])).join(''))
      + ' <span class="shisaku-legend">'
      + statuses.map(s => '<span style="color:' + COLORS[s] + '">■</span> ' + escape(data.statusLabels[s])
        + (s === 'COMPLETED' ? '（済んだ段階も）' : '')).join(' ')
      + ' <span style="color:' + COLORS.planned + '">■</span> 計画 <span style="color:' + COLORS.milestone + '">▲</span> 日程'
      + ' <span style="border:1px dashed ' + COLORS.milestone + ';padding:0 6px">　</span> 時期に幅のある日程'
      + ' <span style="color:' + COLORS.follows + '">┆●</span> 先行する取組から ⚠ 先行する取組が未完了'
      + ' <span style="color:' + COLORS.today + '">|</span> 今日（' + escape(data.asOf) + '）</span></div>'
      + (overview ? '<div class="shisaku-cities">' + citiesHtml(overview) + '</div>' : '')
      + (only ? '' : downloadsHtml(data, years, !cities || cities.reports))
      + '<p class="shisaku-empty alert alert-info" style="display:none"></p>'
      + '<div class="shisaku-chart-wrap" style="position:relative"><div class="shisaku-chart" style="width:100%"></div>'
      + '<div class="shisaku-label-tip" style="display:none;position:absolute;z-index:10;max-width:480px;'
      + 'background:#fff;border:1px solid #90a4ae;border-radius:3px;padding:4px 8px;font-size:12px;'
      + 'box-shadow:0 1px 4px rgba(0,0,0,.2);pointer-events:none"></div></div>'
      + '<table class="sr-only shisaku-status-table"><caption>施策ごとの状況</caption><thead><tr><th>施策</th>'
      + '<th>状況</th><th>実際の段階</th></tr></thead><tbody></tbody></table>'
      + '<div class="shisaku-delays"></div>'
      + (only || !data.planned ? '' : '<div class="shisaku-figures-block">' + figuresHtml(data, chosen) + '</div>');
    const chartNode = root.querySelector('.shisaku-chart');
    const tip = root.querySelector('.shisaku-label-tip');
    const empty = root.querySelector('.shisaku-empty');
    const say = text => {
      empty.textContent = text;
      empty.style.display = text ? '' : 'none';
    };
    const initiatives = only
      ? data.progress.initiatives.filter(i => i.processInstanceId === only) : data.progress.initiatives;
    // Unfiltered, every workstream has its row; filtered, those with something the filter admits (and the chosen one).
    const workstreams = only ? initiatives.map(i => i.workstream)
      : chosen ? initiatives.map(i => i.workstream).concat(data.milestones.map(m => m.workstream))
        .concat(filters.workstream ? [filters.workstream] : []) : null;
    const rows = rowsOf(data, initiatives, workstreams);
    const marks = milestoneMarks(data, rows);
    root.setAttribute('data-initiatives', String(initiatives.length));
    root.setAttribute('data-milestones', String(marks.count));
    if (!data.planned) {
      say(data.fiscalYear + '年度には、取り込まれた計画も施策もありません。計画を取り込むと、ここに計画と実績が表示されます。');
    } else if (chosen && !initiatives.length && !marks.count) {
      say('選んだ条件（' + chosen + '）に当たる施策も日程もありません。条件を変えるか「すべて」に戻してください。');
    } else if (chosen && !initiatives.length) {
      say('選んだ条件（' + chosen + '）に当たる施策はありません。日程（会議・行事など）' + marks.count + '件を示します。');
    } else {
      say('');
    }
    if (!data.planned || chosen && !initiatives.length && !marks.count) {
      chartNode.style.display = 'none';
    } else {
      chartNode.style.height = Math.max(160, rows.length * ROW_HEIGHT + 70) + 'px';
      chart = echarts.init(chartNode, null, {renderer: 'svg'});
      option = chartOption(data, rows, marks);
      chart.setOption(option);
      chart.on('click', params => {
        if (params.data && params.data.initiative) {
          window.location.hash = '#/process-instance/' + params.data.initiative.processInstanceId + '/runtime';
        }
      });
      // Every row's label, in full, where the pointer is: a label longer than two lines is cut.
      chart.on('mouseover', params => {
        if (params.componentType === 'yAxis') {
          tip.textContent = params.value;
          tip.style.left = (params.event.offsetX + 12) + 'px';
          tip.style.top = (params.event.offsetY + 12) + 'px';
          tip.style.display = '';
        }
      });
      chart.on('mouseout', params => {
        if (params.componentType === 'yAxis') {
          tip.style.display = 'none';
        }
      });
    }
    // The status of each item in words for a screen reader (the chart itself is a picture).
    root.querySelector('.shisaku-status-table tbody').innerHTML = initiatives.map(i => '<tr><td>' + escape(i.title)
      + '</td><td>' + escape(statusText(i)) + '</td><td>'
      + escape(i.actualPhase ? i.actualPhase.name : i.completedText || '—') + '</td></tr>').join('');
    chartNode.setAttribute('role', 'img');
    chartNode.setAttribute('aria-label', data.fiscalYear + '年度の計画と実績の図（施策ごとの状況は図の右端と、この後の表にあります）');
    wireReportLinks(root);
    const drawn = request;
    offerA3(root, data, () => !unmounted && drawn === request);
    const png = root.querySelector('.shisaku-chart-png');
    if (png) {
      png.disabled = !chart;
      png.addEventListener('click', () => chart && saveChartPng(echarts, option, chartNode,
        data.fiscalYear + '年度の進捗（計画と実績）' + (chosen ? '　' + chosen : '') + '　' + data.asOf + ' 現在',
        '年度の進捗_' + data.fiscalYear + '年度_' + data.asOf + '.png'));
    }
    root.querySelectorAll('.shisaku-toolbar select').forEach(s => s.addEventListener('change', () => {
      if (s.name === 'year') {
        chooseFiscalYear(s.value);
        filters = {};
      } else if (s.name === 'city') {
        city = s.value;
        filters = {};
      } else {
        filters[s.name] = s.value;
      }
      draw(Number(root.querySelector('select[name=year]').value));
    }));
    if (only) {
      renderDelays(root.querySelector('.shisaku-delays'), data.delays);
    }
  };
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

const DASHBOARD_LABEL = '年度の進捗（計画と実績）';

export default [
  plugin({
    id: 'shisaku.schedule.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    properties: {label: DASHBOARD_LABEL},
    mount: node => {
      if (!leadTheDashboard(node, DASHBOARD_LABEL)) {
        setTimeout(() => leadTheDashboard(node, DASHBOARD_LABEL));
      }
      return mountSchedule(node, null);
    }
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
