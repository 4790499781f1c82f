// Shisaku Flow, in every webapp (Welcome, Tasklist, Cockpit, Admin; each config.js lists this one file as
// '../shisaku/scripts/shisaku-webapp.js' in its customScripts, see docs/frontend.md):
// - the webapps share the app's single login page: when a webapp would show its own login (after
//   logout, or when the session has ended), the browser goes to /login instead;
// - staff never meet Camunda 7 CE's end-of-life banner.
const style = document.createElement('style');
style.textContent = '.ce-eol-banner { display: none !important; }';
document.head.appendChild(style);

const toAppLogin = () => {
  if (window.location.hash.indexOf('#/login') === 0) {
    window.location.href = '/login?logout';
  }
};
window.addEventListener('hashchange', toAppLogin);
toAppLogin();

export default [];
