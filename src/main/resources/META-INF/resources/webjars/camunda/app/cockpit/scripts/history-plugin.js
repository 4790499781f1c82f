// Shisaku Flow: history for auditors in Cockpit (the community Cockpit shows running instances only).
// Read-only: every request is a GET to /api/audit/** (auditors and managers); nothing here can change data.
// Per definition: finished and running instances with filters (dropdowns of what exists, labels from the
// server), and the chosen instance's timeline on a page of its own, with its path drawn over the diagram.
// Per running instance: the same timeline page. Every label comes from the server (typeLabel, actorName, …).

import {appFetch, engineFetch, escape, plugin, showError}
  from '../../shisaku/scripts/plugin-kit.js';

const PATH_EVENT = 'shisaku:history-path';

const getJson = url => appFetch(url).then(response => response.json().catch(() => ({}))
  .then(body => {
    if (!response.ok) {
      throw new Error((body && (body.detail || body.message)) || ('履歴を取得できませんでした (' + response.status + ')'));
    }
    return body;
  }));


const STYLE = `
dialog.shisaku-timeline-page { width: 100vw; height: 100vh; max-width: 100vw; max-height: 100vh; margin: 0;
  padding: 0; border: none; background: #fff; }
dialog.shisaku-timeline-page[open] { display: flex; flex-direction: column; }
dialog.shisaku-timeline-page::backdrop { background: rgba(0, 0, 0, .3); }
.shisaku-timeline-page .shisaku-timeline-head { flex: 0 0 auto; background: #fff; padding: 12px 24px 8px;
  border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
.shisaku-timeline-page .shisaku-timeline-head h3 { margin: 0; font-size: 20px; flex: 1 1 auto; }
.shisaku-timeline-page .shisaku-timeline-body { flex: 1 1 auto; min-height: 0; overflow: auto; padding: 0 24px 24px; }
.shisaku-timeline { width: 100%; table-layout: auto; }
.shisaku-timeline th { position: sticky; top: 0; background: #f5f5f5; z-index: 1; white-space: nowrap; }
.shisaku-timeline td.shisaku-time, .shisaku-timeline td.shisaku-kind, .shisaku-timeline td.shisaku-actor {
  white-space: nowrap; }
.shisaku-timeline td.shisaku-change { min-width: 16em; word-break: break-word; }
.shisaku-timeline td.shisaku-detail { word-break: break-word; }
.shisaku-timeline tr[data-type="OPERATION"] td.shisaku-kind { color: #8a4b00; font-weight: bold; }
.shisaku-timeline tr[data-type="VARIABLE_SET"] td.shisaku-kind { color: #1565c0; }
.shisaku-timeline .shisaku-old { color: #777; }
.shisaku-history td, .shisaku-history th { white-space: nowrap; }
.shisaku-history td.shisaku-title { white-space: normal; min-width: 12em; }
.shisaku-history-filter label { margin-right: 12px; font-weight: normal; }
`;

const addStyle = () => {
  if (!document.getElementById('shisaku-timeline-style')) {
    const style = document.createElement('style');
    style.id = 'shisaku-timeline-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
};

/** The options of a dropdown: the server's values and labels, the first meaning "no filter". */
const options = (choices, any) => '<option value="">' + escape(any) + '</option>'
  + choices.map(c => '<option value="' + escape(c.value) + '">' + escape(c.label) + '</option>').join('');

const distinct = values => values.filter((v, i) => v && values.indexOf(v) === i);

const eventRow = e => '<tr data-type="' + escape(e.type) + '"><td class="shisaku-time">' + escape(e.timeText)
  + '</td><td class="shisaku-kind">' + escape(e.typeLabel) + '</td><td class="shisaku-actor">'
  + escape(e.actorName) + '</td><td>' + escape(e.activityName) + '</td><td class="shisaku-detail">'
  + (e.fieldLabel ? '<strong>' + escape(e.fieldLabel) + '</strong>' + (e.detail ? '<br>' : '') : '')
  + escape(e.detail) + '</td><td class="shisaku-change">'
  + (e.oldLabel != null || e.newLabel != null
    ? '<span class="shisaku-old">' + escape(e.oldLabel) + '</span> → ' + escape(e.newLabel) : '')
  + '</td></tr>';

/**
 * One instance's timeline on a page of its own (the whole window, its own scroll, the header row kept in
 * view), with dropdowns for its kinds and people; closes with 閉じる or Esc. Returns the page's close.
 */
const openTimelinePage = (trail, heading) => {
  addStyle();
  document.querySelectorAll('dialog.shisaku-timeline-page').forEach(d => d.remove());
  const page = document.createElement('dialog');
  page.className = 'shisaku-timeline-page';
  page.setAttribute('aria-label', '監査タイムライン');
  const kinds = distinct(trail.events.map(e => e.typeLabel));
  const actors = distinct(trail.events.map(e => e.actorName));
  page.innerHTML = '<div class="shisaku-timeline-head"><h3>監査タイムライン：' + escape(heading) + '</h3>'
    + '<form class="form-inline shisaku-timeline-filter"><label>種類 <select name="kind" class="form-control">'
    + options(kinds.map(k => ({value: k, label: k})), 'すべて') + '</select></label> '
    + '<label>実行者 <select name="actor" class="form-control">'
    + options(actors.map(a => ({value: a, label: a})), 'すべて') + '</select></label></form>'
    + '<span class="shisaku-timeline-count"></span>'
    + (trail.csvUrl ? '<a class="btn btn-default" href="' + escape(trail.csvUrl) + '">CSV をダウンロード</a>' : '')
    + '<button type="button" class="btn btn-primary shisaku-timeline-close">閉じる</button></div>'
    + '<div class="shisaku-timeline-body"><table class="table table-condensed table-striped shisaku-timeline">'
    + '<thead><tr><th>日時</th><th>種類</th><th>実行者</th><th>作業</th><th>項目・内容</th><th>変更前 → 変更後</th>'
    + '</tr></thead><tbody></tbody></table></div>';
  const form = page.querySelector('form');
  const body = page.querySelector('tbody');
  const table = page.querySelector('.shisaku-timeline');
  const draw = () => {
    const kind = form.kind.value;
    const actor = form.actor.value;
    const shown = trail.events.filter(e => (!kind || e.typeLabel === kind) && (!actor || e.actorName === actor));
    body.innerHTML = shown.map(eventRow).join('');
    table.setAttribute('data-events', String(shown.length));
    page.querySelector('.shisaku-timeline-count').textContent = shown.length + ' 件'
      + (shown.length === trail.events.length ? '' : '（全 ' + trail.events.length + ' 件）');
  };
  form.addEventListener('change', draw);
  form.addEventListener('submit', event => event.preventDefault());
  const close = () => {
    if (page.open) {
      page.close();
    }
    page.remove();
  };
  page.querySelector('.shisaku-timeline-close').addEventListener('click', close);
  page.addEventListener('close', () => page.remove());
  draw();
  document.body.appendChild(page);
  page.showModal();
  return close;
};

const loadTrail = processInstanceId => getJson('/api/audit/instances/' + encodeURIComponent(processInstanceId));

/** Announces the instance's path to the definition's diagram (the elements it entered, in order). */
const announcePath = (processInstanceId, trail) => window.dispatchEvent(new CustomEvent(PATH_EVENT, {detail: {
  processInstanceId, path: trail.events.filter(e => e.type === 'ACTIVITY_STARTED').map(e => e.activityId)}}));

const EXPORT_FORM = '<form class="form-inline shisaku-audit-export">'
  + '<strong>年度の監査エクスポート（署名付き）</strong> '
  + '<label>年度 <select name="exportYear" class="form-control"></select></label>'
  + '<button type="submit" class="btn btn-default">ダウンロード</button> '
  + '<span class="shisaku-export-state" role="status" aria-live="polite"></span></form>';

/** The file name the server gives in Content-Disposition (filename*=UTF-8'' first), else {@code fallback}. */
const fileNameOf = (response, fallback) => {
  const disposition = response.headers.get('Content-Disposition') || '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return encoded ? decodeURIComponent(encoded[1]) : plain ? plain[1] : fallback;
};

/**
 * The year's signed audit export (GET /api/audit/export): read as it streams, with 準備しています… shown until
 * the whole file is here, then saved under the server's file name. {@code isGone}: the tab has been left.
 */
const downloadExport = (form, isGone) => {
  const state = form.querySelector('.shisaku-export-state');
  const button = form.querySelector('button[type=submit]');
  const year = form.exportYear.value;
  if (!year) {
    return;
  }
  button.disabled = true;
  state.className = 'shisaku-export-state';
  state.textContent = year + '年度の監査エクスポートを準備しています…';
  form.setAttribute('data-state', 'preparing');
  appFetch('/api/audit/export?' + new URLSearchParams({fiscalYear: year}),
    {headers: {Accept: 'application/zip, application/problem+json'}})
    .then(response => {
      if (!response.ok) {
        return response.json().catch(() => ({})).then(body => {
          throw new Error((body && (body.detail || body.message)) || ('監査エクスポートを取得できませんでした ('
            + response.status + ')'));
        });
      }
      return response.blob().then(blob => ({blob, name: fileNameOf(response, 'audit-FY' + year + '.zip')}));
    })
    .then(({blob, name}) => {
      if (isGone()) {
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      state.textContent = '保存しました：' + name + '（' + Math.max(1, Math.round(blob.size / 1024)) + ' KB）';
      form.setAttribute('data-state', 'done');
      form.setAttribute('data-bytes', String(blob.size));
    })
    .catch(error => {
      if (!isGone()) {
        state.className = 'shisaku-export-state text-danger';
        state.textContent = error.message;
        form.setAttribute('data-state', 'failed');
      }
    })
    .then(() => (button.disabled = false));
};

const FILTER_FORM = EXPORT_FORM + '<form class="form-inline shisaku-history-filter">'
  + '<label>状態 <select name="state" class="form-control"></select></label>'
  + '<label>年度 <select name="fiscalYear" class="form-control"></select></label>'
  + '<label>取組 <select name="workstream" class="form-control"></select></label>'
  + '<label>決定方針 <select name="outcome" class="form-control"></select></label>'
  + '<label>開始日 <input name="startedFrom" type="date" class="form-control"> 〜 '
  + '<input name="startedTo" type="date" class="form-control"></label>'
  + '<button type="submit" class="btn btn-default">絞り込む</button></form>'
  + '<p class="shisaku-history-hint">業務キーを選ぶと、その施策の監査タイムラインが全画面で開き、通った経路が上の図に示されます。</p>'
  + '<div class="shisaku-history-list"></div>';

/** The definition's history tab; its cleanup closes an open timeline and keeps late answers from drawing. */
const mountHistory = (node, api, processDefinitionId) => {
  let unmounted = false;
  let closePage = () => undefined;
  addStyle();
  node.innerHTML = FILTER_FORM;
  const form = node.querySelector('form.shisaku-history-filter');
  const exportForm = node.querySelector('form.shisaku-audit-export');
  exportForm.addEventListener('submit', event => {
    event.preventDefault();
    downloadExport(exportForm, () => unmounted);
  });
  const list = node.querySelector('.shisaku-history-list');
  const definition = engineFetch(api, '/process-definition/' + encodeURIComponent(processDefinitionId))
    .then(response => {
      if (!response.ok) {
        throw new Error('プロセス定義を取得できませんでした (' + response.status + ')');
      }
      return response.json();
    });
  // The dropdowns offer what the server says exists, with its labels; the list waits for them.
  const choices = definition
    .then(d => getJson('/api/audit/filters?processDefinitionKey=' + encodeURIComponent(d.key)))
    .then(c => {
      if (unmounted) {
        return;
      }
      form.state.innerHTML = c.states.map(s => '<option value="' + escape(s.value) + '">' + escape(s.label)
        + '</option>').join('');
      form.fiscalYear.innerHTML = options(c.fiscalYears, 'すべての年度');
      exportForm.exportYear.innerHTML = c.fiscalYears.map(y => '<option value="' + escape(y.value) + '">'
        + escape(y.label) + '</option>').join('');
      exportForm.setAttribute('data-ready', 'true');
      form.workstream.innerHTML = options(c.workstreams, 'すべての取組');
      form.outcome.innerHTML = options(c.outcomes, 'すべて');
      form.setAttribute('data-ready', 'true');
    });
  const titles = {};
  // Only the latest search draws the list: an earlier, slower answer (the unfiltered first one) must not
  // replace the rows of the filter the auditor asked for since.
  let latestSearch = 0;
  const search = () => {
    const searchNumber = ++latestSearch;
    const isOutdated = () => searchNumber !== latestSearch || unmounted;
    return Promise.all([definition, choices]).then(([d]) => {
      const params = new URLSearchParams({processDefinitionKey: d.key});
      new FormData(form).forEach((value, name) => value && params.set(name, value));
      return getJson('/api/audit/instances?' + params);
    }).then(instances => {
      if (isOutdated()) {
        return;
      }
      instances.forEach(i => (titles[i.id] = (i.businessKey || i.id) + (i.title ? ' ' + i.title : '')));
      list.innerHTML = '<p>' + instances.length + ' 件</p>'
        + '<table class="table table-condensed table-hover shisaku-history"><thead><tr><th>業務キー</th><th>施策</th>'
        + '<th>取組</th><th>年度</th><th>決定方針</th><th>状態</th><th>開始</th><th>終了</th></tr></thead><tbody>'
        + instances.map(i => '<tr><td><a href="" data-instance="' + escape(i.id) + '" title="監査タイムラインを開く">'
          + escape(i.businessKey || i.id) + '</a>'
          // the initiative's whole trail as CSV, beside its key (the list is wide: a last column scrolls away)
          + (i.csvUrl ? ' <a class="shisaku-trail-csv label label-default" download href="' + escape(i.csvUrl)
            + '" title="この施策の監査記録を CSV でダウンロード">CSV</a>' : '') + '</td><td class="shisaku-title">' + escape(i.title) + '</td><td>'
          + escape(i.workstreamLabel) + '</td><td>' + escape(i.fiscalYear) + '</td><td>' + escape(i.outcomeLabel)
          + '</td><td>' + escape(i.stateLabel) + '</td><td>' + escape(i.startTimeText) + '</td><td>'
          + escape(i.endTimeText) + '</td></tr>').join('')
        + '</tbody></table>' + (instances.length ? '' : '<p>該当するインスタンスはありません。</p>');
      list.setAttribute('data-rows', String(instances.length));
    }).catch(error => isOutdated() || showError(list, error));
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    search();
  });
  list.addEventListener('click', event => {
    const link = event.target.closest('a[data-instance]');
    if (link) {
      event.preventDefault();
      const id = link.getAttribute('data-instance');
      loadTrail(id).then(trail => {
        if (unmounted) {
          return;
        }
        announcePath(id, trail);
        closePage = openTimelinePage(trail, titles[id] || trail.businessKey || id);
      }).catch(error => unmounted || showError(list, error));
    }
  });
  search();
  return () => {
    unmounted = true;
    closePage();
  };
};

/** The running instance's tab: how much is recorded, and the button that opens its timeline page. */
const mountInstanceTimeline = (node, processInstanceId) => {
  let unmounted = false;
  let closePage = () => undefined;
  node.innerHTML = '<p>読み込み中…</p>';
  loadTrail(processInstanceId).then(trail => {
    if (unmounted) {
      return;
    }
    const events = trail.events;
    node.innerHTML = '<div class="shisaku-instance-timeline"><p>この' + (trail.csvUrl ? '施策' : 'インスタンス')
      + 'の記録は ' + events.length + ' 件です（' + escape(events.length ? events[0].timeText : '') + ' 〜 '
      + escape(events.length ? events[events.length - 1].timeText : '') + '）。</p>'
      + '<button type="button" class="btn btn-primary shisaku-open-timeline">監査タイムラインを開く</button> '
      + (trail.csvUrl ? '<a class="btn btn-default" href="' + escape(trail.csvUrl) + '">CSV をダウンロード</a>' : '')
      + '</div>';
    node.querySelector('.shisaku-open-timeline').addEventListener('click', () => {
      closePage = openTimelinePage(trail, trail.businessKey || trail.processInstanceId);
    });
  }).catch(error => unmounted || showError(node, error));
  return () => {
    unmounted = true;
    closePage();
  };
};

/** Draws the chosen instance's path over the definition's diagram: visited elements and their order. */
const drawPath = viewer => {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  if (!document.getElementById('shisaku-history-style')) {
    const style = document.createElement('style');
    style.id = 'shisaku-history-style';
    style.textContent = '.shisaku-visited .djs-visual > :first-child { stroke: #1565c0 !important;'
      + ' stroke-width: 3px !important; } .shisaku-step { background: #1565c0; color: #fff; border-radius: 8px;'
      + ' padding: 0 5px; font-size: 11px; }';
    document.head.appendChild(style);
  }
  let marked = [];
  const listener = event => {
    marked.forEach(id => canvas.removeMarker(id, 'shisaku-visited'));
    overlays.remove({type: 'shisaku-path'});
    marked = [];
    const seen = {};
    event.detail.path.forEach((id, index) => {
      if (!registry.get(id)) {
        return;
      }
      if (!marked.includes(id)) {
        canvas.addMarker(id, 'shisaku-visited');
        marked.push(id);
      }
      const visits = (seen[id] = (seen[id] || 0) + 1);
      overlays.add(id, 'shisaku-path', {position: {top: -10, left: -6 + 22 * (visits - 1)},
        html: '<span class="shisaku-step">' + (index + 1) + '</span>'});
    });
  };
  window.addEventListener(PATH_EVENT, listener);
  return () => window.removeEventListener(PATH_EVENT, listener);
};

export default [
  plugin({
    id: 'shisaku.history.definition',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 10,
    properties: {label: '履歴（監査）'},
    mount: (node, {api, processDefinitionId}) => mountHistory(node, api, processDefinitionId)
  }),
  plugin({
    id: 'shisaku.history.path',
    pluginPoint: 'cockpit.processDefinition.diagram.plugin',
    priority: 10,
    mount: viewer => drawPath(viewer)
  }),
  plugin({
    id: 'shisaku.history.instance',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 10,
    properties: {label: '監査タイムライン'},
    mount: (node, {processInstanceId}) => mountInstanceTimeline(node, processInstanceId)
  })
];
