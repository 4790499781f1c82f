// Shisaku Flow: Tasklist fitted to the role and the cards made to say what a person needs (issue #17).
//
// Tasklist 7.24 imports this module before it starts its AngularJS application (customScripts are awaited,
// then the app is bootstrapped), so the module first asks the server what this user may do
// (GET /api/tasklist/actions: the engine's authorizations), then changes Tasklist's own registrations:
// - actions the engine would refuse are not registered: タスクを作成 (CREATE on tasks), プロセスを開始 (nothing the
//   user may start); without the permission to assign tasks: the due and follow-up date editors (期限をリセット…),
//   グループの管理, the assignee editor and 担当者をリセット; without Cockpit: the ↗ link to the instance in Cockpit.
//   What stays for staff: 担当する, 担当を解除 of their own claim (the server allows that, see docs/security.md),
//   the form, comments.
// - the cards: the initiative's full name, the due date itself beside the relative one (in the city's time zone,
//   which the server names), overdue cards marked, no bare priority number;
// - the list opens sorted by due date (期限), the order the department filters mean, so the header says so;
// - the history tab names people, not user ids (GET /api/tasklist/user-names).
// The server refuses all of these writes whatever is offered (EngineWriteRules, the engine's authorizations).

import {appFetch} from '../../shisaku/scripts/plugin-kit.js';

const NOTHING = {createTask: false, startProcess: false, assignTasks: false, cockpit: false, zone: undefined};

const actions = await appFetch('/api/tasklist/actions')
  .then(response => (response.ok ? response.json() : NOTHING))
  .catch(() => NOTHING);

const angular = window.angular;

/** An AngularJS template changed as a DOM: {@code change(root)} edits the parsed template in place. */
const edit = (html, change) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  change(template.content);
  return template.innerHTML;
};

const remove = (root, selector) => root.querySelectorAll(selector).forEach(node => node.remove());

// ---- dates in the city's zone ------------------------------------------------------------------------------

/** The engine's "2026-05-31T17:15:00.000+0900" (or Tasklist's local "2026-05-31T17:15:00") as a Date. */
const toDate = value => {
  if (!value) {
    return null;
  }
  const date = value instanceof Date ? value : new Date(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return isNaN(date.getTime()) ? null : date;
};

const DAY = new Intl.DateTimeFormat('ja-JP', {timeZone: actions.zone, year: 'numeric', month: '2-digit',
  day: '2-digit'});

/** 2026/05/31, the day in the city's zone. */
const dayText = value => {
  const date = toDate(value);
  return date ? DAY.format(date) : '';
};

const isOverdue = value => {
  const date = toDate(value);
  return !!date && date.getTime() < Date.now();
};

// ---- user names ------------------------------------------------------------------------------------------

const names = {};
const asked = new Set();
let pending = [];
let flush = null;

const userName = $rootScope => {
  const ask = id => {
    pending.push(id);
    if (flush) {
      return;
    }
    flush = setTimeout(() => {
      const ids = pending;
      pending = [];
      flush = null;
      appFetch('/api/tasklist/user-names?ids=' + encodeURIComponent(ids.join(',')))
        .then(response => (response.ok ? response.json() : {}))
        .then(found => {
          Object.assign(names, found);
          $rootScope.$applyAsync();
        })
        .catch(() => undefined);
    }, 0);
  };
  const filter = id => {
    if (!id || typeof id !== 'string') {
      return id;
    }
    if (names[id]) {
      return names[id];
    }
    if (!asked.has(id)) {
      asked.add(id);
      ask(id);
    }
    return id;
  };
  filter.$stateful = true;
  return filter;
};

// ---- templates -------------------------------------------------------------------------------------------

/** The task's header: read-only dates, groups and assignee for whoever may not assign the task. */
const taskMeta = html => edit(html, root => {
  if (actions.assignTasks) {
    return;
  }
  root.querySelectorAll('ul.dates').forEach(dates => {
    dates.innerHTML = '<li ng-if="task.due" class="shisaku-due" ng-class="{overdue: (task.due | shisakuOverdue)}">'
      + '<span class="glyphicon glyphicon-bell"></span> {{ \'DUE\' | translate }} {{ task.due | shisakuDay }}'
      + '（<i class="shisaku-relative" am-time-ago="task.due"></i>）'
      + '<b class="label label-danger shisaku-overdue-label" ng-if="(task.due | shisakuOverdue)">期限切れ</b></li>'
      + '<li ng-if="task.followUp" class="shisaku-follow-up"><span class="glyphicon glyphicon-calendar"></span>'
      + ' {{ \'FOLLOW_UP\' | translate }} {{ task.followUp | shisakuDay }}（<i class="shisaku-relative"'
      + ' am-time-ago="task.followUp"></i>）</li>';
  });
  root.querySelectorAll('li.groups').forEach(groups => {
    groups.setAttribute('ng-if', 'groupNames.length > 0');
    groups.innerHTML = '<span class="glyphicon glyphicon-th" title="{{ \'GROUPS\' | translate }}"></span> '
      + '<span class="shisaku-groups">{{ groupNames.join(\'、\') }}</span>';
  });
  root.querySelectorAll('li.assignee [cam-widget-inline-field]').forEach(field => {
    const plain = document.createElement('span');
    plain.className = 'shisaku-assignee';
    plain.innerHTML = '<span class="glyphicon glyphicon-user" title="{{ \'ASSIGNEE\' | translate }}"></span> '
      + '<span ng-if="assignee.firstName || assignee.lastName">{{ assignee.lastName }} {{ assignee.firstName }}</span>'
      + '<span ng-if="!(assignee.firstName || assignee.lastName)">{{ assignee.id }}</span>';
    field.replaceWith(plain);
  });
  remove(root, 'a.reset-assignee');
});

/** The task's title: no ↗ to Cockpit for whoever may not open Cockpit (it would end on a 403 page). */
const task = html => edit(html, root => {
  if (!actions.cockpit) {
    remove(root, 'a.instance-link');
  }
});

/** The cards of the list. */
const cards = html => edit(html, root => {
  root.querySelectorAll('li.task').forEach(card => {
    card.setAttribute('ng-class', '{active: currentTaskId === task.id, \'shisaku-overdue\': (task.due | shisakuOverdue)}');
  });
  root.querySelectorAll('.dates .due-date').forEach(due => {
    due.setAttribute('ng-class', '{overdue: (task.due | shisakuOverdue)}');
    // One span inside: Tasklist's stylesheet puts its comma after the last span of each date.
    due.innerHTML = '{{ \'DUE\' | translate }} <span class="shisaku-due-text"><span class="shisaku-day">{{ task.due'
      + ' | shisakuDay }}</span>（<i class="shisaku-relative" tooltip-placement="top" uib-tooltip="{{ task.due |'
      + ' camDate:\'long\' }}" am-time-ago="task.due"></i>）<b class="label label-danger shisaku-overdue-label"'
      + ' ng-if="(task.due | shisakuOverdue)">期限切れ</b></span>';
  });
  root.querySelectorAll('.dates .followup-date').forEach(followUp => {
    followUp.innerHTML = '{{ \'FOLLOW_UP\' | translate }} <span>{{ task.followUp | shisakuDay }}（<i'
      + ' class="shisaku-relative" am-time-ago="task.followUp"></i>）</span>';
  });
  root.querySelectorAll('.dates .creation-date').forEach(created => {
    created.innerHTML = '{{ \'CREATION\' | translate }} {{ task.created | shisakuDay }}';
  });
  // Every task has the engine's default priority (50): a number that tells nobody anything.
  remove(root, '.priority');
  // The card's details (the initiative's name, the filters' only variable) are shown whole, not behind a shutter.
  remove(root, '.task-card-details .shutter');
});

/**
 * The history tab: people's names for their ids (who did it, and an assignee before and after); a claim that
 * left nobody assigned (a release, which the engine records as a claim for nobody) is called 担当を解除.
 */
const history = html => html
  .replace(/\{\{\s*event\.type\s*\|\s*translate\s*\}\}/g,
    '{{ (event.type === \'Claim\' && event.subEvents.length === 1 && event.subEvents[0].property === \'assignee\''
    + ' && !event.subEvents[0].newValue) ? (\'UNCLAIM_TASK\' | translate) : (event.type | translate) }}')
  .replace(/\{\{\s*event\.userId\s*\}\}/g, '{{ event.userId | shisakuUserName }}')
  .replace(/\{\{\s*subEvent\.(newValue|orgValue)\s*\}\}/g,
    '{{ (subEvent.property === \'assignee\' || subEvent.property === \'owner\')'
    + ' ? (subEvent.$1 | shisakuUserName) : subEvent.$1 }}');

const STYLE = `
.tasks-list > li.task.shisaku-overdue { box-shadow: inset 4px 0 0 #c9302c; }
.tasks-list .task .due-date.overdue, .task-card .shisaku-due.overdue { color: #a94442; font-weight: bold; }
.shisaku-overdue-label { margin-left: 4px; }
.tasks-list .task .variables .variable-value { white-space: normal; overflow: visible; text-overflow: clip;
  word-break: break-all; }
.tasks-list .task .variables .col-xs-4, .tasks-list .task .variables .col-xs-8 { width: 100%; float: none; }
.tasks-list .task .task-card-details { max-height: none; padding-bottom: 0; }
.tasks-list .task .variables > div { width: 100%; }
.tasks-list .task .variables, .tasks-list .task .variables .row { margin-left: 0; margin-right: 0; }
.tasks-list .task .variables [class*="col-"] { padding-left: 0; padding-right: 0; }
.shisaku-relative { font-style: normal; }
`;

if (angular) {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.appendChild(style);

  const app = angular.module('cam.tasklist');
  app.filter('shisakuDay', () => dayText);
  app.filter('shisakuOverdue', () => isOverdue);
  app.filter('shisakuUserName', ['$rootScope', userName]);
  app.config(['$provide', $provide => {
    const decorate = (name, change) => $provide.decorator(name + 'Directive', ['$delegate', $delegate => {
      $delegate.forEach(definition => {
        if (typeof definition.template === 'string') {
          definition.template = change(definition.template);
        }
      });
      return $delegate;
    }]);
    decorate('camTasklistTaskMeta', taskMeta);
    decorate('camTasklistTask', task);
    decorate('camTasks', cards);
  }]);
  app.run(['$rootScope', '$location', 'Views', ($rootScope, $location, Views) => {
    const navbar = Views.getProviders({component: 'tasklist.navbar.action'});
    const refused = new Set([actions.createTask ? null : 'create-task-action',
      actions.startProcess ? null : 'start-process-action']);
    for (let i = navbar.length - 1; i >= 0; i--) {
      if (refused.has(navbar[i].id)) {
        navbar.splice(i, 1);
      }
    }
    Views.getProviders({component: 'tasklist.task.detail'})
      .filter(provider => provider.id === 'task-detail-history' && typeof provider.template === 'string')
      .forEach(provider => (provider.template = history(provider.template)));
    // The department filters mean "what is due first": open the list sorted so, and say so in its header.
    const sortByDue = () => {
      if ($location.path() === '/' && !$location.search().sorting) {
        $location.search('sorting', JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}])).replace();
      }
    };
    $rootScope.$on('$locationChangeSuccess', sortByDue);
    sortByDue();
  }]);
}

export default [];
