// Shisaku Flow: what the app's webapp plugins share (Cockpit's schedule and history, Tasklist's calendar).
// An ES module; a plugin imports it relative to its own URL: '../../shisaku/scripts/plugin-kit.js'.
// See docs/frontend.md.

/** Text made safe to put into HTML (element content and double-quoted attribute values). */
export const escape = text => String(text == null ? '' : text)
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An error shown in place of what could not be drawn. */
export const showError = (node, error) => {
  node.innerHTML = '<div class="alert alert-danger">' + escape(error && error.message) + '</div>';
};

// The app's API (/api/**) guards its state-changing calls with its own CSRF cookie and header
// (not Camunda's XSRF-TOKEN, which is what api.CSRFToken holds: that one is for the engine API).
const CSRF_COOKIE = 'SHISAKU-XSRF-TOKEN';
const CSRF_HEADER = 'X-SHISAKU-XSRF-TOKEN';

const cookie = name => {
  const found = document.cookie.split(';').map(c => c.trim()).find(c => c.indexOf(name + '=') === 0);
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
};

/** fetch for the app's API: the session's cookies, JSON, and the app's CSRF header unless it is a GET. */
export const appFetch = (url, init = {}) => {
  const method = (init.method || 'GET').toUpperCase();
  const headers = Object.assign({Accept: 'application/json'},
    method === 'GET' || method === 'HEAD' ? {} : {[CSRF_HEADER]: cookie(CSRF_COOKIE)}, init.headers);
  return fetch(url, Object.assign({}, init, {method, headers, credentials: 'same-origin'}));
};

/**
 * fetch for the engine's API through the webapp: {@code path} under {@code api.engineApi} (e.g.
 * '/camunda/api/engine/engine/default'), the API object Camunda passes to render; with Camunda's CSRF header.
 */
export const engineFetch = (api, path, init = {}) => fetch(api.engineApi + path, Object.assign({}, init, {
  credentials: 'same-origin',
  headers: Object.assign({Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken}, init.headers)
}));

/**
 * The engine API of this page as Camunda computes api.engineApi, for code that runs when the module is
 * loaded, before Camunda renders any plugin (and so before there is an api object).
 */
export const pageEngineApi = () => {
  const engine = (/\/app\/[^/]+\/([^/]+)\//.exec(window.location.pathname) || [])[1] || 'default';
  return document.querySelector('base').getAttribute('engine-api') + 'engine/' + engine;
};

// The fiscal year the schedule (Cockpit's dashboard) shows, as last chosen in this browser.
const FISCAL_YEAR_KEY = 'shisaku.fiscalYear';

/** The fiscal year chosen for the schedule in this browser, or null. */
export const chosenFiscalYear = () => Number(window.localStorage.getItem(FISCAL_YEAR_KEY)) || null;

/** Makes {@code year} the one the schedule shows next (the upload page, after an import, links to it). */
export const chooseFiscalYear = year => window.localStorage.setItem(FISCAL_YEAR_KEY, String(year));

/**
 * A plugin definition for Camunda 7.24's webapps, with a lifecycle. Camunda calls render(node, api) each time
 * it shows the plugin and, when that view goes, the plugin's unmount() - without arguments, and ignoring
 * whatever render returned. Here {@code mount(node, api)} draws and returns its cleanup (dispose charts,
 * remove listeners, mark pending requests as stale); unmount() runs the cleanups of the oldest mount still
 * on, as Camunda destroys views in the order it showed them (one plugin is on screen once at a time).
 */
export const plugin = ({mount, ...definition}) => {
  const mounted = [];
  return Object.assign(definition, {
    render: (node, api) => {
      mounted.push(mount(node, api) || (() => undefined));
    },
    unmount: () => {
      const cleanup = mounted.shift();
      if (cleanup) {
        cleanup();
      }
    }
  });
};
