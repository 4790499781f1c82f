// Shisaku Flow, in every webapp (Welcome, Tasklist, Cockpit, Admin; each config.js lists this one file as
// '../shisaku/scripts/shisaku-webapp.js' in its customScripts, see docs/frontend.md):
// - the webapps share the app's single login page: Camunda's own login form is never shown. When a webapp
//   would show it (after its ログアウト, or when the session has ended), the browser goes to /login instead:
//   /login?logout after the person logged out, /login otherwise;
// - staff never meet Camunda 7 CE's end-of-life banner;
// - a webapp's first screen is drawn in Japanese, never with raw keys (AUTHORIZATION_…): see loadTexts below.
const style = document.createElement('style');
// Hidden until the browser has left, should a login route draw before the redirect.
style.textContent = '.ce-eol-banner, .form-signin-container { display: none !important; }';
document.head.appendChild(style);

const LOGGED_OUT = 'shisaku.loggedOut';

// Tasklist, Cockpit and Admin route with '#/login', Welcome with AngularJS's default '#!/login'.
const LOGIN_ROUTE = /^#!?\/login(?:[/?]|$)/;

let leaving = false;
const toAppLogin = () => {
  if (leaving) {
    return;
  }
  const onLoginRoute = LOGIN_ROUTE.test(window.location.hash);
  const formShown = document.querySelector('.form-signin-container') !== null;
  if (onLoginRoute || formShown) {
    leaving = true;
    const loggedOut = window.sessionStorage.getItem(LOGGED_OUT) !== null;
    window.sessionStorage.removeItem(LOGGED_OUT);
    window.location.replace(loggedOut ? '/login?logout' : '/login');
  }
};

// The webapps' ログアウト link: what follows is a logout, not an ended session.
document.addEventListener('click', event => {
  if (event.target instanceof Element && event.target.closest('li.logout')) {
    window.sessionStorage.setItem(LOGGED_OUT, '1');
  }
}, true);

window.addEventListener('hashchange', toAppLogin);
window.addEventListener('popstate', toAppLogin);
// Whatever the route, Camunda's login form appearing anywhere is the same trap.
new MutationObserver(toAppLogin).observe(document.documentElement, {childList: true, subtree: true});
toAppLogin();

/**
 * Camunda loads a webapp's texts (locales/<lang>.json) with $http while the webapp starts, and keeps them in
 * localStorage ('camunda-web', key '<locales path>_locales_data_<lang>_<version>') for the next start. A
 * browser that has not kept them yet (the first visit, a new profile) can draw its first screen before the file
 * has arrived, and screens that read their texts once, when they open (Admin's 認可 with its resource names),
 * then show the keys. Camunda waits for this module before it starts the webapp, so the texts are put where
 * Camunda looks for them first: its start finds them there, as on any later visit. Camunda still loads the
 * file itself and replaces what is kept.
 */
async function loadTexts() {
  try {
    const base = document.querySelector('base');
    const app = (window.location.pathname.match(/\/app\/(\w+)\//) || [])[1];
    if (!base || !app || !window.bust || !window.localStorage) {
      return;
    }
    const config = (await import('../../' + app + '/scripts/config.js')).default || {};
    const locales = config.locales || {};
    const available = locales.availableLocales || ['en'];
    const fallback = locales.fallbackLocale || 'en';
    // As Camunda picks the language: the browser's first, when the webapp has it, else the fallback.
    const first = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0]
      .toLowerCase();
    const wanted = [...new Set([available.includes(first) ? first : fallback, fallback])];
    const prefix = base.getAttribute('app-root') + '/app/' + app + '/locales/';
    const stored = JSON.parse(window.localStorage.getItem('camunda-web') || '{}');
    let added = false;
    for (const lang of wanted) {
      const key = prefix + '_locales_data_' + lang + '_' + window.bust;
      if (stored[key] === undefined) {
        const response = await fetch(prefix + lang + '.json?bust=' + encodeURIComponent(window.bust),
          {credentials: 'same-origin'});
        if (response.ok) {
          stored[key] = JSON.stringify(await response.json());
          added = true;
        }
      }
    }
    if (added) {
      window.localStorage.setItem('camunda-web', JSON.stringify(stored));
    }
  } catch (e) {
    console.warn('Shisaku Flow: the texts were not prepared; Camunda loads them itself', e);
  }
}
await loadTexts();

export default [];
