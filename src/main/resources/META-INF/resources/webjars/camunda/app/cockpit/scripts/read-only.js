// Shisaku Flow: what Cockpit offers follows what the user may do. Cockpit 7.24 shows its write actions
// (edit and delete variables, the assignee pencil, グループを管理, suspend, cancel, retry, ...) to everyone and
// leaves the refusal to the engine, in English. Here the engine's own authorizations are asked once, when
// Cockpit starts, and the built-in plugins that only write are excluded for those who may not write:
// Cockpit's supported plugin exclusion, the `cam-exclude-plugins` attribute of <base> (read by
// camunda-commons-ui's plugin service when Cockpit's code loads, after config.js and before the plugins
// register). config.js awaits this module, so the exclusion is in place in time. The server refuses such
// writes all the same (authorizations, EngineWriteRules). See docs/auditors.md and docs/frontend.md.

import {pageEngineApi} from '../../shisaku/scripts/plugin-kit.js';

// Resource types of the engine's authorization API (org.camunda.bpm.engine.authorization.Resources).
const PROCESS_DEFINITION = ['ProcessDefinition', 6];
const TASK = ['Task', 7];
const PROCESS_INSTANCE = ['ProcessInstance', 8];
const DEPLOYMENT = ['Deployment', 9];

/** Each write Cockpit offers: the permissions of which any one allows it, and the plugins that offer it. */
const WRITES = {
  // cancel, suspend, add a variable, retry jobs and incidents, suspend or reschedule a job
  instances: {
    anyOf: [['UPDATE', PROCESS_INSTANCE], ['UPDATE_INSTANCE', PROCESS_DEFINITION]],
    exclude: ['cockpit.processInstance.runtime.action:*', 'cockpit.processInstance.runtime.tab:jobs-tab',
      'cockpit.incident.action:*']
  },
  // edit, upload and delete variables (Camunda's variables tab, replaced by a read-only one)
  variables: {
    anyOf: [['UPDATE', PROCESS_INSTANCE], ['UPDATE_VARIABLE', PROCESS_INSTANCE],
      ['UPDATE_INSTANCE', PROCESS_DEFINITION], ['UPDATE_INSTANCE_VARIABLE', PROCESS_DEFINITION]],
    exclude: ['cockpit.processInstance.runtime.tab:variables-tab']
  },
  // the assignee pencil and the group and user links of user tasks (replaced by a read-only list)
  tasks: {
    anyOf: [['TASK_ASSIGN', TASK], ['UPDATE', TASK], ['TASK_ASSIGN', PROCESS_DEFINITION],
      ['UPDATE_TASK', PROCESS_DEFINITION]],
    exclude: ['cockpit.processInstance.runtime.tab:user-tasks-tab']
  },
  // suspend a definition or its job definitions, override job priorities
  definitions: {
    anyOf: [['UPDATE', PROCESS_DEFINITION], ['SUSPEND', PROCESS_DEFINITION]],
    exclude: ['cockpit.processDefinition.runtime.action:*', 'cockpit.jobDefinition.action:*']
  },
  // delete a deployment
  deployments: {
    anyOf: [['DELETE', DEPLOYMENT]],
    exclude: ['cockpit.repository.deployment.action:delete-deployment']
  }
};

/** How long Cockpit's start waits for the answers; without them, nothing that writes is offered. */
const TIMEOUT_MS = 8000;

const allowed = (permission, [resourceName, resourceType]) => fetch(pageEngineApi() + '/authorization/check?'
  + new URLSearchParams({permissionName: permission, resourceName, resourceType: String(resourceType)}),
{credentials: 'same-origin', headers: {Accept: 'application/json'}})
  .then(r => (r.ok ? r.json() : {authorized: false}))
  .then(check => check.authorized === true);

const withTimeout = promise => Promise.race([promise,
  new Promise(resolve => setTimeout(() => resolve(false), TIMEOUT_MS))]);

/**
 * What this user may write in Cockpit ({instances, variables, tasks, definitions, deployments}: true or false),
 * asked of the engine once per page load. An answer that does not come counts as "may not".
 */
export const mayWrite = (async () => {
  const names = Object.keys(WRITES);
  const answers = await Promise.all(names.map(name => withTimeout(
    Promise.all(WRITES[name].anyOf.map(([permission, resource]) => allowed(permission, resource)))
      .then(results => results.some(Boolean)))
    .catch(() => false)));
  return Object.fromEntries(names.map((name, i) => [name, answers[i]]));
})();

/** Adds the exclusions for what this user may not write to Cockpit's own (index.html's) list. */
export const excludeWhatMayNotBeWritten = async () => {
  const may = await mayWrite;
  const base = document.querySelector('base');
  const excluded = (base.getAttribute('cam-exclude-plugins') || '').split(',').map(p => p.trim()).filter(Boolean);
  Object.keys(WRITES).filter(name => !may[name]).forEach(name => excluded.push(...WRITES[name].exclude));
  base.setAttribute('cam-exclude-plugins', excluded.join(','));
  return may;
};
