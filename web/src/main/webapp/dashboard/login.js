import { showError, signIn } from './dashboard.js';

const form = document.getElementById('login');

form.addEventListener('submit', async event => {
  event.preventDefault();
  document.getElementById('error').hidden = true;
  try {
    const refusal = await signIn(form.user.value, form.password.value);
    if (refusal) {
      showError(refusal);
      form.password.focus();
      form.password.select();
    } else {
      location.assign(next());
    }
  } catch (error) {
    showError(`The server could not be reached: ${error.message}`);
  }
});

/** Back to the page that sent here, if it is one of the dashboard's own. */
function next() {
  const page = new URLSearchParams(location.search).get('next') ?? '';
  return /^[a-z-]+\.html(\?[\w=&%.-]*)?$/.test(page) ? page : 'index.html';
}
