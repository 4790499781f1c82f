// Shisaku Flow: history for auditors in Cockpit (the community Cockpit shows running instances only).
// Read-only: every request is a GET to /api/audit/** (auditors and managers); nothing here can change data.
// Per definition: finished and running instances with filters, and the chosen instance's timeline with
// its path drawn over the diagram. Per running instance: the same timeline.

import {appFetch, engineFetch, escape, pageEngineApi, plugin, showError}
  from '../../shisaku/scripts/plugin-kit.js';

const PATH_EVENT = 'shisaku:history-path';

const getJson = url => appFetch(url).then(response => response.json().catch(() => ({}))
  .then(body => {
    if (!response.ok) {
      throw new Error((body && (body.detail || body.message)) || ('履歴を取得できませんでした (' + response.status + ')'));
    }
    return body;
  }));

/**
 * Who may not change process instances (auditors) is not offered Cockpit's actions (suspend, modify,
 * cancel, ...): the engine would refuse them anyway; this keeps the screen honest.
 */
const hideActionsFromReaders = () => fetch(pageEngineApi() + '/authorization/check'
  + '?permissionName=UPDATE&resourceName=ProcessInstance&resourceType=8', {credentials: 'same-origin'})
  .then(r => (r.ok ? r.json() : {authorized: true}))
  .then(check => {
    if (!check.authorized) {
      const style = document.createElement('style');
      style.textContent = '.ctn-toolbar { display: none !important; }';
      document.head.appendChild(style);
      document.body.classList.add('shisaku-read-only');
    }
  })
  .catch(() => undefined);
hideActionsFromReaders();

/** The timeline table of one instance, and its path announced to the diagram; not once the view has gone. */
const renderTimeline = (node, processInstanceId, isGone = () => false) => {
  node.innerHTML = '<p>読み込み中…</p>';
  return getJson('/api/audit/instances/' + encodeURIComponent(processInstanceId)).then(trail => {
    const rows = trail.events.map(e => '<tr data-type="' + escape(e.type) + '"><td>' + escape(e.timeText)
      + '</td><td>' + escape(e.typeLabel) + '</td><td>' + escape(e.actor) + '</td><td>'
      + escape(e.type === 'VARIABLE_SET' ? '' : e.activityName || e.activityId) + '</td><td>' + escape(e.detail) + '</td><td>'
      + escape(e.oldValue) + (e.oldValue != null || e.newValue != null ? ' → ' : '') + escape(e.newValue)
      + '</td></tr>').join('');
    node.innerHTML = '<h4>タイムライン: ' + escape(trail.businessKey || trail.processInstanceId) + '</h4>'
      + (trail.csvUrl ? '<p><a href="' + escape(trail.csvUrl) + '">CSV</a></p>' : '')
      + '<table class="table table-condensed shisaku-timeline"><thead><tr><th>日時</th><th>種類</th><th>実行者</th>'
      + '<th>アクティビティ</th><th>内容</th><th>変更前 → 変更後</th></tr></thead><tbody>' + rows + '</tbody></table>';
    node.setAttribute('data-events', String(trail.events.length));
    if (isGone()) {
      return;
    }
    const path = trail.events.filter(e => e.type === 'ACTIVITY_STARTED').map(e => e.activityId);
    window.dispatchEvent(new CustomEvent(PATH_EVENT, {detail: {processInstanceId, path}}));
  }).catch(error => showError(node, error));
};

const FILTER_FORM = '<form class="form-inline shisaku-history-filter">'
  + '<label>状態 <select name="state"><option value="all">すべて</option><option value="finished">完了</option>'
  + '<option value="running">実行中</option></select></label> '
  + '<label>年度 <input name="fiscalYear" type="number" style="width:6em"></label> '
  + '<label>取組 <input name="workstream" style="width:8em"></label> '
  + '<label>結果 <input name="outcome" style="width:8em"></label> '
  + '<label>開始日 <input name="startedFrom" type="date"> 〜 <input name="startedTo" type="date"></label> '
  + '<button type="submit" class="btn btn-default">検索</button></form>'
  + '<div class="shisaku-history-list"></div><div class="shisaku-history-timeline"></div>';

/** The definition's history tab; its cleanup keeps late answers from announcing a path. */
const mountHistory = (node, api, processDefinitionId) => {
  let unmounted = false;
  node.innerHTML = FILTER_FORM;
  const form = node.querySelector('form');
  const list = node.querySelector('.shisaku-history-list');
  const timeline = node.querySelector('.shisaku-history-timeline');
  const definition = engineFetch(api, '/process-definition/' + encodeURIComponent(processDefinitionId))
    .then(response => {
      if (!response.ok) {
        throw new Error('プロセス定義を取得できませんでした (' + response.status + ')');
      }
      return response.json();
    });
  // Only the latest search draws the list: an earlier, slower answer (the unfiltered first one) must not
  // replace the rows of the filter the auditor asked for since.
  let latestSearch = 0;
  const search = () => {
    const searchNumber = ++latestSearch;
    const isOutdated = () => searchNumber !== latestSearch || unmounted;
    return definition.then(d => {
      const params = new URLSearchParams({processDefinitionKey: d.key});
      new FormData(form).forEach((value, name) => value && params.set(name, value));
      return getJson('/api/audit/instances?' + params);
    }).then(instances => {
      if (isOutdated()) {
        return;
      }
      list.innerHTML = '<table class="table table-condensed shisaku-history"><thead><tr><th>業務キー</th><th>施策</th>'
        + '<th>取組</th><th>年度</th><th>結果</th><th>状態</th><th>開始</th><th>終了</th></tr></thead><tbody>'
        + instances.map(i => '<tr><td><a href="" data-instance="' + escape(i.id) + '">' + escape(i.businessKey || i.id)
          + '</a></td><td>' + escape(i.title) + '</td><td>' + escape(i.workstream) + '</td><td>' + escape(i.fiscalYear)
          + '</td><td>' + escape(i.outcomeLabel) + '</td><td>' + escape(i.stateLabel) + '</td><td>'
          + escape(i.startTimeText) + '</td><td>' + escape(i.endTimeText) + '</td></tr>').join('')
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
      renderTimeline(timeline, link.getAttribute('data-instance'), () => unmounted);
    }
  });
  search();
  return () => {
    unmounted = true;
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
    mount: (node, {processInstanceId}) => {
      let unmounted = false;
      const timeline = document.createElement('div');
      node.appendChild(timeline);
      renderTimeline(timeline, processInstanceId, () => unmounted);
      return () => {
        unmounted = true;
      };
    }
  })
];
