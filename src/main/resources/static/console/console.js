// The console's glue: htmx sends the session's CSRF token with every request it makes (Spring Security reads the
// XSRF-TOKEN cookie's value from the X-XSRF-TOKEN header), and buttons marked data-copy copy a value to the clipboard.
document.addEventListener('htmx:configRequest', event => {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  if (cookie) {
    event.detail.headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.substring('XSRF-TOKEN='.length));
  }
});

document.addEventListener('click', event => {
  const button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  const source = document.getElementById(button.dataset.copy);
  const text = source.value !== undefined ? source.value : source.textContent;
  navigator.clipboard.writeText(text.trim()).then(() => {
    const label = button.textContent;
    button.textContent = button.dataset.copied || '✓';
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});
