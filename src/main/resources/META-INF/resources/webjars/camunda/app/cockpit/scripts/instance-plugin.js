// Shisaku Flow: a process instance's page in Cockpit leads with the initiative (施策の概要, the first tab and the
// one shown when the page opens): its title, status, workstream, owners and its phases as planned beside
// where it actually is, from the server's own answer (GET /api/progress/dashboard?processInstanceId=, as the
// 施策の進捗 tab draws it). Camunda's raw variables are behind a tab of their own.
// For those who may not change variables or tasks (read-only.js excludes Camunda's tabs that offer that), the
// same lists are offered read-only: 変数 and ユーザータスク, with no edit, delete, assignee or group action.

import {appFetch, engineFetch, escape, plugin, showError} from '../../shisaku/scripts/plugin-kit.js';
import {mayWrite} from './read-only.js';

const json = (response, what) => response.json().catch(() => ({})).then(body => {
  if (!response.ok) {
    throw new Error((body && (body.detail || body.message)) || (what + 'を取得できませんでした (' + response.status + ')'));
  }
  return body;
});

const STYLE_ID = 'shisaku-instance-style';
const addStyle = () => {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = '.shisaku-initiative h3 { margin-top: 0; } .shisaku-initiative dl { margin-bottom: 12px; }'
    + ' .shisaku-initiative dt { float: left; clear: left; width: 9em; font-weight: normal; color: #666; }'
    + ' .shisaku-initiative dd { margin-left: 10em; margin-bottom: 4px; }'
    + ' .shisaku-initiative .shisaku-status { display: inline-block; padding: 2px 8px; border-radius: 3px;'
    + ' background: #eceff1; font-weight: bold; } .shisaku-initiative .shisaku-status[data-status=DELAYED]'
    + ' { background: #ffebee; color: #c62828; } .shisaku-initiative tr.shisaku-now td { font-weight: bold; }'
    + ' .shisaku-initiative td.shisaku-mark { white-space: nowrap; }';
  document.head.appendChild(style);
};

const row = (label, value) => (value ? '<dt>' + escape(label) + '</dt><dd>' + value + '</dd>' : '');

/** The initiative as the server reports it; the phases as planned, with where the plan and the work are now. */
const renderInitiative = (node, data, initiative) => {
  const planned = initiative.plannedPhase;
  const actual = initiative.actualPhase;
  const phases = initiative.phases.map(p => {
    const marks = [];
    if (planned && p.key === planned.key) {
      marks.push('計画上の現在');
    }
    if (actual && p.key === actual.key) {
      marks.push('実際の現在' + (actual.start ? '（' + escape(actual.start) + 'から）' : ''));
    }
    return '<tr' + (actual && p.key === actual.key ? ' class="shisaku-now"' : '') + ' data-phase="' + escape(p.key)
      + '"><td>' + escape(p.name) + '</td><td>' + escape(p.period) + '</td><td class="shisaku-mark">'
      + marks.join('<br>') + '</td></tr>';
  }).join('');
  const actualOutsidePlan = actual && !initiative.phases.some(p => p.key === actual.key);
  const waiting = initiative.waitingFor.map(w => escape(w.title) + '（' + escape(w.statusLabel) + '）').join('、');
  const links = initiative.links.map(l => escape(l.kindLabel) + '：' + escape(l.targetTitle || l.target)).join('<br>');
  const delays = (data.delays || []).map(d => escape(d.name) + '（' + escape(d.detected) + '〜'
    + (d.handled ? escape(d.handled) : '対応中') + '）').join('<br>');
  node.innerHTML = '<div class="shisaku-initiative" data-initiative="' + escape(initiative.initiativeId) + '">'
    + '<h3>' + escape(initiative.title) + '</h3>'
    + '<dl>'
    + row('状況', '<span class="shisaku-status" data-status="' + escape(initiative.status) + '">'
      + escape(initiative.statusLabel) + '</span>'
      + (initiative.daysLate > 0 ? ' ' + escape(initiative.daysLate) + '日の遅れ' : ''))
    // Named as the year's plan names it; a code the plans do not name is not shown.
    + row('ワークストリーム', escape(data.workstreamNames[initiative.workstream]))
    + row('担当', escape(initiative.owners && initiative.owners.text))
    + row('年度', escape(data.fiscalYear) + '年度')
    + row('業務キー', escape(initiative.businessKey))
    + row('計画上の段階', planned ? escape(planned.name) + (planned.period ? '（' + escape(planned.period) + '）' : '') : '')
    + row('実際の段階', actual ? escape(actual.name) + (actual.start ? '（' + escape(actual.start) + 'から）' : '') : '')
    + row('先行する取組', waiting)
    + row('関連', links)
    + row('遅延の履歴', delays)
    + '</dl>'
    + '<h4>段階（計画と実際）</h4>'
    + '<table class="table table-condensed shisaku-phases"><thead><tr><th>段階</th><th>計画期間</th>'
    + '<th>いま</th></tr></thead><tbody>' + phases
    + (actualOutsidePlan ? '<tr class="shisaku-now" data-phase="' + escape(actual.key) + '"><td>' + escape(actual.name)
      + '</td><td></td><td class="shisaku-mark">実際の現在' + (actual.start ? '（' + escape(actual.start) + 'から）' : '')
      + '</td></tr>' : '')
    + '</tbody></table>'
    + '<p class="text-muted">年度全体の計画と実績は「施策の進捗」タブ、変更の記録は「監査タイムライン」タブにあります。</p>'
    + '</div>';
};

const mountInitiative = (node, processInstanceId) => {
  let gone = false;
  addStyle();
  node.innerHTML = '<p>読み込み中…</p>';
  appFetch('/api/progress/dashboard?' + new URLSearchParams({processInstanceId}))
    .then(r => json(r, '施策の状況'))
    .then(data => {
      if (gone) {
        return;
      }
      const initiative = data.progress.initiatives.find(i => i.processInstanceId === processInstanceId);
      if (!initiative) {
        node.innerHTML = '<p class="shisaku-initiative" data-initiative="">このインスタンスは年度の施策ではないため、'
          + '施策の概要はありません。内容は「変数」タブにあります。</p>';
        return;
      }
      renderInitiative(node, data, initiative);
    })
    .catch(error => gone || showError(node, error));
  return () => {
    gone = true;
  };
};

/** A variable's value as text, without the engine's type names. */
const valueText = v => {
  if (v.value === null || v.value === undefined) {
    return '';
  }
  if (typeof v.value === 'object') {
    return JSON.stringify(v.value);
  }
  return String(v.value);
};

const PAGE = 200;

/** The instance's variables, read-only: name, value, and where they belong (the process or an activity). */
const mountVariables = (node, api, processInstanceId) => {
  let gone = false;
  node.innerHTML = '<p>読み込み中…</p>';
  Promise.all([
    engineFetch(api, '/variable-instance?' + new URLSearchParams({processInstanceIdIn: processInstanceId,
      deserializeValues: 'false', sortBy: 'variableName', sortOrder: 'asc', maxResults: String(PAGE)}))
      .then(r => json(r, '変数')),
    engineFetch(api, '/process-instance/' + encodeURIComponent(processInstanceId) + '/activity-instances')
      .then(r => json(r, 'アクティビティ'))
  ]).then(([variables, tree]) => {
    if (gone) {
      return;
    }
    const names = {};
    // A multi-instance phase's body has no name of its own: it is named after the activity it repeats.
    const walk = instance => {
      const children = instance.childActivityInstances || [];
      names[instance.id] = instance.activityName || instance.name || (children[0] && children[0].activityName) || '';
      children.forEach(walk);
    };
    walk(tree);
    const rows = variables.map(v => '<tr><td>' + escape(v.name) + '</td><td>' + escape(valueText(v)) + '</td><td>'
      + (v.activityInstanceId === tree.id ? 'プロセス全体' : escape(names[v.activityInstanceId] || '')) + '</td></tr>')
      .join('');
    node.innerHTML = '<p class="text-muted">表示のみです。変数の変更はできません。</p>'
      + '<table class="table table-condensed shisaku-variables"><thead><tr><th>名前</th><th>値</th><th>範囲</th></tr>'
      + '</thead><tbody>' + rows + '</tbody></table>'
      + (variables.length ? '' : '<p>変数はありません。</p>')
      + (variables.length >= PAGE ? '<p>最初の' + PAGE + '件を表示しています。</p>' : '');
    node.setAttribute('data-variables', String(variables.length));
  }).catch(error => gone || showError(node, error));
  return () => {
    gone = true;
  };
};

/** The instance's open user tasks, read-only: who has each and which groups may take it. */
const mountUserTasks = (node, api, processInstanceId) => {
  let gone = false;
  node.innerHTML = '<p>読み込み中…</p>';
  engineFetch(api, '/task?' + new URLSearchParams({processInstanceId, sortBy: 'name', sortOrder: 'asc',
    maxResults: String(PAGE)}))
    .then(r => json(r, 'ユーザータスク'))
    .then(tasks => Promise.all(tasks.map(task => engineFetch(api, '/task/' + encodeURIComponent(task.id)
      + '/identity-links').then(r => (r.ok ? r.json() : [])).catch(() => [])))
      .then(links => ({tasks, links})))
    .then(({tasks, links}) => {
      const userIds = [...new Set(tasks.map(t => t.assignee).filter(Boolean))];
      return Promise.all([
        // The groups' names as the server names them (the engine lets only administrators read groups).
        appFetch('/api/progress/dashboard?' + new URLSearchParams({processInstanceId}))
          .then(r => (r.ok ? r.json() : {})).then(d => d.groupNames || {}).catch(() => ({})),
        // Users' names where the engine lets the reader see them; else their ids.
        userIds.length ? engineFetch(api, '/user?' + new URLSearchParams({idIn: userIds.join(','),
          maxResults: String(PAGE)})).then(r => (r.ok ? r.json() : [])).catch(() => []) : []
      ]).then(([groupNames, users]) => ({tasks, links, groupNames, users}));
    })
    .then(({tasks, links, groupNames, users}) => {
      if (gone) {
        return;
      }
      const groupName = id => groupNames[id] || id;
      const userName = id => {
        const user = users.find(u => u.id === id);
        return user ? [user.lastName, user.firstName].filter(Boolean).join(' ') || id : id;
      };
      const rows = tasks.map((task, i) => '<tr><td>' + escape(task.name) + '</td><td>'
        + escape(task.assignee ? userName(task.assignee) : '（未割り当て）') + '</td><td>'
        + escape(links[i].filter(l => l.type === 'candidate' && l.groupId).map(l => groupName(l.groupId)).join('、'))
        + '</td></tr>').join('');
      node.innerHTML = '<p class="text-muted">表示のみです。担当者や候補グループの変更はできません。</p>'
        + '<table class="table table-condensed shisaku-user-tasks" data-tasks="' + tasks.length + '"><thead><tr>'
        + '<th>タスク</th><th>担当者</th><th>候補グループ</th></tr></thead><tbody>' + rows + '</tbody></table>'
        + (tasks.length ? '' : '<p>開いているユーザータスクはありません。</p>');
    })
    .catch(error => gone || showError(node, error));
  return () => {
    gone = true;
  };
};

const may = await mayWrite;

export default [
  plugin({
    id: 'shisaku.instance.initiative',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    // Above every tab of Camunda's (variables: 20) and the app's: the first tab, shown when the page opens.
    priority: 100,
    properties: {label: '施策の概要'},
    mount: (node, {processInstanceId}) => mountInitiative(node, processInstanceId)
  }),
  // The read-only lists stand in for Camunda's tabs only where read-only.js excluded those.
  ...(may.variables ? [] : [plugin({
    id: 'shisaku.instance.variables',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: {label: '変数'},
    mount: (node, {api, processInstanceId}) => mountVariables(node, api, processInstanceId)
  })]),
  ...(may.tasks ? [] : [plugin({
    id: 'shisaku.instance.user-tasks',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 5,
    properties: {label: 'ユーザータスク'},
    mount: (node, {api, processInstanceId}) => mountUserTasks(node, api, processInstanceId)
  })])
];
