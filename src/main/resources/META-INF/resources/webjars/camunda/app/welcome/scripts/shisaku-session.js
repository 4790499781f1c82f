// Shisaku Flow: the webapps share the app's single login page. When a webapp shows its own login
// (after logout, or when the session has ended) the browser goes to /login instead.
const toAppLogin = () => {
  if (window.location.hash.indexOf('#/login') === 0) {
    window.location.href = '/login?logout';
  }
};
window.addEventListener('hashchange', toAppLogin);
toAppLogin();

export default [];
